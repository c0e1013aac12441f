import { describe, expect, it } from 'vitest';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { getOrganisation } from '#src/content/index.ts';
import { cases } from '#src/db/index.ts';
import { eq } from 'drizzle-orm';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { fileComplaint, signIn } from '../support/cases.ts';
import { formFields, organisationForms, pdfBytes, validAnswers } from '../support/complaint-forms.ts';
import { staffPassword, staffSignIn } from '../support/site-fixture.ts';

const running = useServerOnPostgres();
const form = organisationForms().find((f) => f.slug === 'opus')!;
const get = (path: string, cookie?: string) => fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;

async function manager(slug: string) {
  const org = await getOrganisation(slug);
  const email = `edge.pages.${Date.now()}@example.org`;
  const now = new Date();
  const created = await createStaff(running.store.db, { email, name: 'Edge', organisationSlug: slug, organisationId: org!._id, role: 'manager', now });
  await setPassword(running.store.db, { token: created.setPasswordToken!, password: staffPassword, now });
  return staffSignIn(running.url, email);
}

describe('pages that carry a one-time key or a draft', () => {
  it.each([`/en/${form.slug}/complain?about=complaint`, `/en/${form.slug}/compliment`, `/en/${form.slug}/accessible-formats`, '/en/track'])(
    '%s is never stored by a cache',
    async (path) => {
      const response = await get(path);
      const html = await response.text();
      if (response.status === 200 && /name="_(key|draft)"/.test(html)) expect(response.headers.get('cache-control')).toContain('no-store');
      expect(response.headers.get('cache-control') ?? '').toContain('no-store');
    },
  );
});

describe('notices and cookies tell nothing to someone who forges them', () => {
  it('a forged confirmation cookie naming a real case shows neither the reference nor the code', async () => {
    const filed = await fileComplaint(running.url, running.store.db, form);
    for (const value of [`${filed.caseId}.`, `${filed.caseId}.${filed.accessCode}`, `${filed.caseId}.AAAA-BBBB-CCCC`]) {
      const response = await get(`/${filed.lang}/${form.slug}/complain/confirmation`, `redress_confirmation=${encodeURIComponent(value)}`);
      expect(response.status).toBe(303);
      expect(await response.text()).not.toContain(filed.reference);
    }
  });

  it('the status page shows a ?done= notice only for a key of its own', async () => {
    const filed = await fileComplaint(running.url, running.store.db, form);
    const { cookie } = await signIn(running.url, filed.lang, filed.reference, filed.accessCode);
    const known = await (await get(`/${filed.lang}/track/${filed.reference}?done=rate`, cookie)).text();
    expect(known).toMatch(/class="panel" role="status"/);
    for (const junk of ['toString', 'constructor', 'nope', '__proto__', '<b>x</b>']) {
      const html = await (await get(`/${filed.lang}/track/${filed.reference}?done=${encodeURIComponent(junk)}`, cookie)).text();
      expect(html).not.toMatch(/class="panel" role="status"/);
      expect(html).not.toContain('status.done.');
    }
  });

  it('the staff queue answers junk in ?after= with 400, not 500', async () => {
    const cookie = await manager(form.slug);
    for (const junk of ['junk', 'none~x', '1~------------------------------------', '99999999999999~00000000-0000-0000-0000-00000000000g']) {
      expect((await get(`/staff?after=${encodeURIComponent(junk)}`, cookie)).status).toBe(400);
    }
    expect((await get('/staff?after=none~00000000-0000-4000-8000-000000000000', cookie)).status).toBe(200);
  });
});

describe('bidi controls in what the public typed', () => {
  it('are gone from the name and file names staff see and from the download name', async () => {
    const lang = form.languages[0]!;
    const page = await (await get(`/${lang}/${form.slug}/complain?about=complaint`)).text();
    const token = (name: string) => page.match(new RegExp(`name="${name}" value="([0-9a-f]{32})"`))![1]!;
    const { body } = validAnswers(formFields(form, lang));
    body.set('_key', token('_key'));
    body.set('_draft', token('_draft'));
    body.set('name', 'Eve \u202Eevil\u202C Mallory');
    body.append('attachments', new File([pdfBytes()], 'invoice\u202Efdp.exe', { type: 'application/pdf' }));
    const posted = await fetch(`${running.url}/${lang}/${form.slug}/complain?about=complaint`, {
      method: 'POST',
      body,
      headers: { origin: running.url },
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const [row] = await running.store.db.select({ id: cases.id }).from(cases).where(eq(cases.complainantName, 'Eve \u202Eevil\u202C Mallory'));
    expect(row).toBeDefined();

    const cookie = await manager(form.slug);
    const html = await (await get(`/staff/cases/${row!.id}`, cookie)).text();
    expect(html).toContain('Eve evil Mallory');
    expect(html).toContain('invoicefdp.exe');
    expect(html).not.toMatch(BIDI);
    const queue = await (await get('/staff', cookie)).text();
    expect(queue).not.toMatch(BIDI);

    const link = html.match(/href="(\/staff\/cases\/[^"]+\/files\/[^"]+)"/)![1]!;
    const download = await get(link, cookie);
    expect(download.status).toBe(200);
    const disposition = download.headers.get('content-disposition')!;
    expect(decodeURIComponent(disposition)).not.toMatch(BIDI);
    expect(disposition).toContain('invoicefdp.exe');
  });
});
