import { customType } from 'drizzle-orm/pg-core';

/**
 * A `jsonb` column that gives back exactly the JSON value it was given.
 *
 * drizzle-orm's own `jsonb()` parses what it reads when it is a string. But node-postgres and
 * PGlite already parse jsonb into a JavaScript value, so a value that *is* a JSON string was
 * parsed twice: the answer "12345678" came back as the number 12345678, "true" as true and
 * "null" as null (a customer ID, a meter number or a reply typed by a person changed type, and
 * an ID such as "1e5" changed value). Both drivers parse jsonb, so reading takes what they
 * give; writing serialises once, as drizzle does. The SQL type stays `jsonb`: no migration.
 */
export const jsonb = <TData = unknown>(name: string) =>
  customType<{ data: TData; driverData: unknown }>({
    dataType: () => 'jsonb',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => value as TData,
  })(name);
