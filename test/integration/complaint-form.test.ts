import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases, outbox, attachments, attachmentContents } from '#src/db/index.ts';
import { translator, type Locale } from '#src/i18n/index.ts';
import { startServer } from '../support/server.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';
import { formFields, organisationForms, pdfBytes, validAnswers, type OrganisationForm } from '../support/complaint-forms.ts';
import { message } from '#src/forms/submission-schema.ts';

const forms = organisationForms();
const stackTrace = /\bat .+\.(m?js|ts):\d+/;

const running = useServerOnPostgres();

/** Opens the form like a browser (skipping triage) and returns its one-time tokens. */
async function openForm(form: OrganisationForm, lang: string) {
  const response = await fetch(`${running.url}/${lang}/${form.slug}/complain?about=complaint`);
  const html = await response.text();
  const token = (name: string) => html.match(new RegExp(`name="${name}" value="([0-9a-f]{32})"`))?.[1];
  return { response, html, key: token('_key')!, draft: token('_draft')! };
}

function post(form: OrganisationForm, lang: string, body: FormData) {
  return fetch(`${running.url}/${lang}/${form.slug}/complain?about=complaint`, {
    method: 'POST',
    body,
    headers: { origin: running.url },
    redirect: 'manual',
  });
}

async function submitValid(form: OrganisationForm, lang: string, change?: (body: FormData) => void) {
  const { key, draft } = await openForm(form, lang);
  const { body } = validAnswers(formFields(form, lang));
  body.set('_key', key);
  body.set('_draft', draft);
  change?.(body);
  return { response: await post(form, lang, body), body, key };
}

const casesOf = (slug: string) => running.store.db.select().from(cases).where(eq(cases.organisationSlug, slug));

describe.each(forms)('the complaint form of $slug', (form) => {
  it.each(form.languages)('renders every question in %s, with lang and dir', async (lang) => {
    const { response, html } = await openForm(form, lang);
    expect(response.status).toBe(200);
    expect(htmlAttributes(html).lang).toBe(lang);
    expect(html).toContain('novalidate');
    for (const field of formFields(form, lang)) {
      expect(html).toContain(field.type === 'address' ? `name="${field.key}.line1"` : `name="${field.key}"`);
    }
  });

  it('accepts a valid complaint: 303 to a confirmation that shows the reference and the access code', async () => {
    const lang = form.languages[0]!;
    const { response } = await submitValid(form, lang);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/${lang}/${form.slug}/complain/confirmation`);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const confirmation = await fetch(`${running.url}${response.headers.get('location')}`, { headers: { cookie: cookie.split(';')[0]! } });
    const text = textOf(await confirmation.text());
    const [created] = (await casesOf(form.slug)).slice(-1);
    expect(created!.reference).toMatch(new RegExp(`^${form.referencePrefix}-\\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
    expect(text).toContain(created!.reference);
    expect(text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).toContain(translator(lang as Locale)('confirm.accessCodeHeading'));
  });

  it('refuses each missing required answer with its own message, keeping the other answers', async () => {
    const lang = form.languages[0]! as Locale;
    const t = translator(lang);
    const fields = formFields(form, lang).filter((f) => f.required && !f.showIf && f.type !== 'file');
    for (const field of fields) {
      const { response } = await submitValid(form, lang, (body) => {
        for (const name of [...body.keys()]) if (name === field.key || name.startsWith(`${field.key}.`)) body.delete(name);
      });
      expect(response.status, field.key).toBe(400);
      const html = await response.text();
      expect(html).toMatch(new RegExp(`<title>${t('complain.errorTitlePrefix')}`));
      expect(html).toContain('class="error-summary"');
      const expected = field.type === 'address' ? undefined : message(field, 'required', t);
      if (expected) expect(textOf(html)).toContain(expected);
      expect(html).toContain(`href="#f-${field.key}`);
      // The other answers are still there.
      expect(html, field.key).toContain(field.key === 'email' ? 'It went wrong on 1 November.' : 'complainant@example.org');
    }
  });
});

describe('what a demanding complainant expects', () => {
  const form = forms.find((f) => f.definition.fields.some((field) => field.role === 'authorisation'))!;
  const withFiles = forms.find((f) => formFields(f, f.languages[0]!).some((field) => field.type === 'file' && !field.required))!;

  it('asks for the authorisation document when the complainant acts for someone else', async () => {
    const lang = form.languages[0]!;
    const fields = formFields(form, lang);
    const onBehalf = fields.find((f) => f.role === 'actingOnBehalf')!;
    const authorisation = fields.find((f) => f.role === 'authorisation')!;
    const { response } = await submitValid(form, lang, (body) => body.set(onBehalf.key, authorisation.showIf!.equals));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`href="#f-${authorisation.key}"`);
    expect(textOf(html)).toContain(message(authorisation, 'required', translator(lang as Locale)));
  });

  it('applies the compensation time limit to a compensation claim', async () => {
    const lang = form.languages[0]!;
    const claim = formFields(form, lang).find((f) => f.role === 'compensationClaim')!;
    const { response } = await submitValid(form, lang, (body) => body.set(claim.key, 'yes'));
    expect(response.status).toBe(303);
    const [created] = (await casesOf(form.slug)).slice(-1);
    expect(created).toMatchObject({ compensationClaim: true, nextDueEvent: 'resolveCompensation' });
    const days = (created!.nextDueAt!.getTime() - created!.receivedAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(32);
  });

  it('makes one case of a form sent twice', async () => {
    const lang = form.languages[0]!;
    const { body, key } = await submitValid(form, lang);
    const again = await post(form, lang, body);
    expect(again.status).toBe(303);
    const created = (await casesOf(form.slug)).filter((c) => c.reference);
    const { idempotencyKeys } = await import('#src/db/index.ts');
    const rows = await running.store.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(rows).toHaveLength(1);
    expect(created.filter((c) => c.id === rows[0]!.caseId)).toHaveLength(1);
  });

  it('quietly drops a form whose hidden bot field is filled in', async () => {
    const lang = form.languages[0]!;
    const before = (await casesOf(form.slug)).length;
    const { response } = await submitValid(form, lang, (body) => body.set('website', 'http://spam.example'));
    expect(response.status).toBe(303);
    expect((await casesOf(form.slug)).length).toBe(before);
  });

  it('refuses a file by its bytes, keeps the other answers and the files already accepted', async () => {
    const lang = withFiles.languages[0]! as Locale;
    const t = translator(lang);
    const fileField = formFields(withFiles, lang).find((f) => f.type === 'file' && !f.required)!;
    const { key, draft } = await openForm(withFiles, lang);
    const { body } = validAnswers(formFields(withFiles, lang));
    body.set('_key', key);
    body.set('_draft', draft);
    body.append(fileField.key, new File([pdfBytes()], 'letter.pdf', { type: 'application/pdf' }));
    body.append(fileField.key, new File([new TextEncoder().encode('just text, not a PDF')], 'fake.pdf', { type: 'application/pdf' }));
    const response = await post(withFiles, lang, body);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain(t('form.upload.wrongType', { label: fileField.label }).slice(0, 20));
    expect(html).toContain('complainant@example.org');
    // The good file is kept, offered back as a ticked box, and nothing else is stored.
    expect(html).toContain('letter.pdf');
    expect(html).not.toContain('fake.pdf');
    const stored = await running.store.db.select().from(attachments).where(eq(attachments.draftId, draft));
    expect(stored.map((a) => [a.originalName, a.mimeType])).toEqual([['letter.pdf', 'application/pdf']]);
    // The bytes are in the case store, not in a folder that every server would have to share.
    const [content] = await running.store.db.select().from(attachmentContents).where(eq(attachmentContents.attachmentId, stored[0]!.id));
    expect(Buffer.from(content!.content).equals(Buffer.from(pdfBytes()))).toBe(true);
    expect(existsSync(join(running.dataDir, 'uploads'))).toBe(false);

    // Sending the form again with the kept file ticked makes the case with that file.
    const keptId = stored[0]!.id;
    const again = new FormData();
    for (const [name, value] of body.entries()) if (name !== fileField.key) again.append(name, value);
    again.append(fileField.key, keptId);
    const done = await post(withFiles, lang, again);
    expect(done.status).toBe(303);
    const [attached] = await running.store.db.select().from(attachments).where(eq(attachments.id, keptId));
    expect(attached!.caseId).not.toBeNull();
  });

  it('refuses a file over the size limit and too many files, with messages', async () => {
    const lang = withFiles.languages[0]! as Locale;
    const fileField = formFields(withFiles, lang).find((f) => f.type === 'file' && !f.required)!;
    const big = new Uint8Array((fileField.maxBytes ?? 10 * 1024 * 1024) + 1);
    big.set(pdfBytes());
    const tooBig = await submitValid(withFiles, lang, (body) => body.append(fileField.key, new File([big], 'big.pdf')));
    expect(tooBig.response.status).toBe(400);
    expect(await tooBig.response.text()).toContain(`href="#f-${fileField.key}"`);
    const many = await submitValid(withFiles, lang, (body) => {
      for (let i = 0; i <= (fileField.maxFiles ?? 1); i++) body.append(fileField.key, new File([pdfBytes()], `doc${i}.pdf`));
    });
    expect(many.response.status).toBe(400);
    expect(await many.response.text()).toContain(`href="#f-${fileField.key}"`);
  });

  it('delivers the acknowledgement to the local mailbox', async () => {
    const deadline = Date.now() + 15_000;
    const dir = join(running.dataDir, 'mail');
    while (Date.now() < deadline && !(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json')))) await new Promise((r) => setTimeout(r, 200));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const mail = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'));
    expect(mail.to).toBe('complainant@example.org');
    expect(mail.text).toMatch(/[A-Z]{2,4}-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const sent = await running.store.db.select().from(outbox).where(eq(outbox.status, 'sent'));
    expect(sent.length).toBeGreaterThan(0);
    // Once delivered, the access code is gone from the database.
    expect(sent.every((row) => !('accessCode' in row.payload))).toBe(true);
  });

  it('never shows a stack trace on a form page', async () => {
    for (const f of forms) expect(await (await fetch(`${running.url}/en/${f.slug}/complain`)).text()).not.toMatch(stackTrace);
  });
});

describe('triage before the form', () => {
  const form = forms.find((f) => f.hasTriage)!;
  it('asks what the message is about, and sends a situation that is not a complaint elsewhere', async () => {
    const lang = form.languages[0]! as Locale;
    const html = await (await fetch(`${running.url}/${lang}/${form.slug}/complain`)).text();
    expect(html).toContain('name="about"');
    expect(html).not.toContain('name="_key"');
    const firstSituation = html.match(/name="about" value="([^"]+)"/)![1]!;
    const elsewhere = await (await fetch(`${running.url}/${lang}/${form.slug}/complain?about=${firstSituation}`)).text();
    expect(textOf(elsewhere)).toContain(translator(lang)('complain.notAComplaint'));
    expect(elsewhere).not.toContain('name="_key"');
  });
});

describe('limits and faults', () => {
  it('answers a localised 429 with Retry-After when one client posts too often', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-limit-'));
    const limited = await startServer({ DATA_DIR: dir, SUBMIT_RATE_LIMIT: '2' });
    try {
      const form = forms[0]!;
      const lang = form.languages[0]! as Locale;
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${limited.url}/${lang}/${form.slug}/complain?about=complaint`, {
          method: 'POST',
          body: new FormData(),
          headers: { origin: limited.url },
          redirect: 'manual',
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([400, 400, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      const html = await last!.text();
      expect(htmlAttributes(html).lang).toBe(lang);
      expect(textOf(html)).toContain(translator(lang)('error.rateLimited.title'));
    } finally {
      await limited.stop();
    }
  });

  it('answers 503 and writes nothing when the database is down, with no stack trace', async () => {
    const down = await startServer({ DATABASE_URL: 'postgres://redress@127.0.0.1:1/redress', DATA_DIR: mkdtempSync(join(tmpdir(), 'redress-down-')) });
    try {
      const form = forms[0]!;
      const response = await fetch(`${down.url}/en/${form.slug}/complain?about=complaint`, {
        method: 'POST',
        body: new FormData(),
        headers: { origin: down.url },
      });
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(textOf(html)).toContain(translator('en')('error.unavailable.title'));
      expect(html).not.toMatch(stackTrace);
    } finally {
      await down.stop();
    }
  });

  it('refuses a cross-site form post', async () => {
    const form = forms[0]!;
    const response = await fetch(`${running.url}/en/${form.slug}/complain?about=complaint`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'x' }),
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
