import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition } from '#src/forms/types.ts';

export interface ContentForm {
  id: string;
  organisation: string;
  /** The organisation's languages, default first. */
  languages: string[];
  definition: FormDefinition;
}

/** Every complaint form in content/*.ndjson with the organisation that uses it. */
export function contentForms(dir = 'content'): ContentForm[] {
  const docs = readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { _id: string; _type: string; complaintForm?: { _ref?: string }; languages?: string[] }),
    );
  return docs
    .filter((doc) => doc._type === 'complaintForm')
    .map((form) => {
      const org = docs.find((doc) => doc._type === 'organisation' && doc.complaintForm?._ref === form._id);
      return {
        id: form._id as string,
        organisation: (org?._id as string) ?? '(none)',
        languages: (org?.languages as string[]) ?? ['en'],
        definition: form as unknown as FormDefinition,
      };
    });
}
