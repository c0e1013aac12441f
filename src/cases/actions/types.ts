import type { caseEvents, cases } from '../../db/index.ts';
import type { AdrBody } from '../../mail/templates/adr-letter.ts';
import type { MailContact } from '../../mail/templates/contacts.ts';
import type { CasePolicy } from '../lifecycle.ts';

/** Who acts: a member of staff (with their id, name and role), the complainant, or the server itself. */
export interface Actor {
  type: 'staff' | 'complainant' | 'system';
  id?: string;
  name?: string;
  role?: 'handler' | 'manager' | 'admin';
}

/**
 * The organisation's rules (CasePolicy) and what its mail needs: its name, the prefix for a
 * linked case's reference, its contacts (the linked case's acknowledgement) and its ADR
 * bodies (the ADR letter; `rule` names the `adr[]` rule key a body belongs to, when the
 * organisation has several).
 */
export interface CaseActionPolicy extends CasePolicy {
  organisationName: string;
  referencePrefix?: string;
  contacts?: MailContact[];
  adrBodies?: (AdrBody & { rule?: string })[];
}

/** What every action takes. */
export interface ActionInput {
  caseId: string;
  actor: Actor;
  now: Date;
  policy: CaseActionPolicy;
  /** The site's public address, for the status links in mail (https://complaints.example.org). */
  publicBaseUrl: string;
}

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** Why an action was refused: an expected outcome, shown to the user, never thrown. */
export type ActionRefusal =
  | 'notFound'
  | 'forbidden'
  | 'notAllowed'
  | 'closed'
  | 'notAwaitingReply'
  | 'notProposed'
  | 'windowClosed'
  | 'windowOpen'
  | 'noAppeal'
  | 'alreadyAppealed'
  | 'notAppealed'
  | 'notManager'
  | 'involvedBefore'
  | 'noSurvey'
  | 'notClosed'
  | 'alreadyRated'
  | 'unknownRating'
  | 'reopenNotAllowed'
  | 'attachmentMissing'
  | 'emptyText';

export type ActionResult<Extra = unknown> = ({ ok: true; event: CaseEventRow; events: CaseEventRow[] } & Extra) | { ok: false; reason: ActionRefusal };
