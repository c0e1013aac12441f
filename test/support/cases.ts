import { eq } from 'drizzle-orm';
import { cases, type Db } from '#src/db/index.ts';
import type { Actor, CaseActionPolicy } from '#src/cases/actions.ts';
import { policyForOrganisationSlug } from '#src/policy/index.ts';
import { formFields, organisationForms, validAnswers, type OrganisationForm } from './complaint-forms.ts';

export const handler: Actor = { type: 'staff', id: 'staff-handler', name: 'Eva Handler', role: 'handler' };
export const manager: Actor = { type: 'staff', id: 'staff-manager', name: 'Mark Manager', role: 'manager' };

/** An organisation's case policy, from the same content the server reads. */
export async function policyFor(slug: string): Promise<CaseActionPolicy> {
  const policy = await policyForOrganisationSlug(slug, 'en');
  if (!policy) throw new Error(`no organisation ${slug} in content`);
  return policy;
}

/** The first organisation of the content that matches: tests name no organisation. */
export function formWhere(test: (form: OrganisationForm) => boolean): OrganisationForm {
  const form = organisationForms().find(test);
  if (!form) throw new Error('no organisation in content matches');
  return form;
}

export interface FiledCase {
  form: OrganisationForm;
  lang: string;
  reference: string;
  accessCode: string;
  caseId: string;
}

/** Files a complaint over HTTP like a browser and reads the reference and code off the confirmation. */
export async function fileComplaint(serverUrl: string, db: Db, form: OrganisationForm, lang = form.languages[0]!): Promise<FiledCase> {
  const page = await (await fetch(`${serverUrl}/${lang}/${form.slug}/complain?about=complaint`)).text();
  const token = (name: string) => page.match(new RegExp(`name="${name}" value="([0-9a-f]{32})"`))![1]!;
  const { body } = validAnswers(formFields(form, lang));
  body.set('_key', token('_key'));
  body.set('_draft', token('_draft'));
  const posted = await fetch(`${serverUrl}/${lang}/${form.slug}/complain?about=complaint`, {
    method: 'POST',
    body,
    headers: { origin: serverUrl },
    redirect: 'manual',
  });
  if (posted.status !== 303) throw new Error(`complaint refused: ${posted.status}`);
  const cookie = posted.headers.get('set-cookie')!.split(';')[0]!;
  const html = await (await fetch(`${serverUrl}${posted.headers.get('location')}`, { headers: { cookie } })).text();
  const reference = html.match(/class="reference"[^>]*>([^<]+)</)![1]!.trim();
  const accessCode = html.match(/class="access-code"[^>]*><strong>([^<]+)</)![1]!.trim();
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  return { form, lang, reference, accessCode, caseId: row!.id };
}

/** Signs in on the track page; returns the session cookie ("name=value") or the response when refused. */
export async function signIn(serverUrl: string, lang: string, reference: string, accessCode: string) {
  const response = await fetch(`${serverUrl}/${lang}/track`, {
    method: 'POST',
    body: new URLSearchParams({ method: 'code', reference, accessCode }),
    headers: { origin: serverUrl },
    redirect: 'manual',
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return { response, cookie };
}

/** The first organisation whose complaints policy matches (appeals allowed or not, say). */
export async function formWithPolicy(test: (policy: CaseActionPolicy) => boolean): Promise<OrganisationForm> {
  for (const form of organisationForms()) if (test(await policyFor(form.slug))) return form;
  throw new Error('no organisation in content has such a policy');
}
