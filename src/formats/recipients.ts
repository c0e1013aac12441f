import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { staffMemberships, staffUsers, type Db } from '../db/index.ts';

/** An organisation's contact method as content gives it. */
export interface ContactContent {
  kind?: string | null;
  value?: string | null;
  purpose?: string | null;
}

/** Who is told of a new request, and why them. */
export interface Recipients {
  /** accessibility: the organisation's accessibility contact; organisation: its general or formal email; managers: its managers' accounts; none: nobody can be mailed. */
  source: 'accessibility' | 'organisation' | 'managers' | 'none';
  addresses: string[];
}

const looksLikeEmail = (value: string) => /^[^\s@<>"]+@[^\s@<>".]+(\.[^\s@<>".]+)+$/.test(value);

function emailsFor(contacts: readonly ContactContent[], purposes: readonly string[]): string[] {
  const found = contacts
    .filter((c) => c.kind === 'email' && purposes.includes(c.purpose ?? 'general'))
    .map((c) => (c.value ?? '').trim())
    .filter(looksLikeEmail);
  return [...new Set(found.map((address) => address.toLowerCase()))];
}

/**
 * Where the notice of a new request goes, from the organisation's content: its email
 * contacts with the purpose `accessibility`; failing those, its `general` and `formal`
 * email contacts; failing those, null (the caller then asks the staff table).
 */
export function contentRecipients(contacts: readonly ContactContent[]): Recipients | null {
  const accessibility = emailsFor(contacts, ['accessibility']);
  if (accessibility.length) return { source: 'accessibility', addresses: accessibility };
  const organisation = emailsFor(contacts, ['general', 'formal']);
  if (organisation.length) return { source: 'organisation', addresses: organisation };
  return null;
}

/**
 * Everyone to tell of a new request, in this order: the organisation's accessibility
 * contact, else its general or formal email, else its managers (accounts not disabled).
 * With nobody, `none`: the request still waits in the back office.
 */
export async function notificationRecipients(db: Db, organisationId: string, contacts: readonly ContactContent[]): Promise<Recipients> {
  const fromContent = contentRecipients(contacts);
  if (fromContent) return fromContent;
  const managers = await db
    .select({ email: staffUsers.email })
    .from(staffMemberships)
    .innerJoin(staffUsers, eq(staffUsers.id, staffMemberships.userId))
    .where(and(eq(staffMemberships.organisationId, organisationId), inArray(staffMemberships.role, ['manager']), isNull(staffUsers.disabledAt)))
    .orderBy(asc(staffUsers.email));
  const addresses = [...new Set(managers.map((m) => m.email))];
  return addresses.length ? { source: 'managers', addresses } : { source: 'none', addresses: [] };
}
