import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { magicLinks, attachments } from '#src/db/index.ts';
import { proposeResolution, requestInformation, acknowledge } from '#src/cases/actions.ts';
import { translator } from '#src/i18n/index.ts';
import { startServer } from '../support/server.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { textOf } from '../support/html.ts';
import { pdfBytes } from '../support/complaint-forms.ts';
import { fileComplaint, formWhere, formWithPolicy, handler, policyFor, signIn, type FiledCase } from '../support/cases.ts';

const running = useServerOnPostgres();
const t = translator('en');
const anyForm = formWhere((f) => f.languages.includes('en'));

const get = (path: string, cookie?: string) => fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const post = (path: string, body: FormData | URLSearchParams, cookie?: string) =>
  fetch(`${running.url}${path}`, { method: 'POST', body, headers: { origin: running.url, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
const now = () => new Date();
const base = { publicBaseUrl: 'http://localhost:4321' };

async function opened(filed: FiledCase) {
  const { cookie } = await signIn(running.url, filed.lang, filed.reference, filed.accessCode);
  expect(cookie).toMatch(new RegExp(`^redress_case_${filed.reference}=`));
  return cookie!;
}

describe('getting into a case', () => {
  let filed: FiledCase;
  beforeAll(async () => {
    filed = await fileComplaint(running.url, running.store.db, anyForm);
  });

  it('opens the status page with the reference and the access code, and a reference alone shows nothing', async () => {
    const alone = await get(`/${filed.lang}/track/${filed.reference}`);
    expect(alone.status).toBe(303);
    expect(alone.headers.get('location')).toBe(`/${filed.lang}/track?reference=${filed.reference}`);
    expect(await alone.text()).not.toContain(filed.form.slug);

    const cookie = await opened(filed);
    const page = await get(`/${filed.lang}/track/${filed.reference}`, cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const text = textOf(await page.text());
    expect(text).toContain(filed.reference);
    expect(text).toContain(translator(filed.lang as 'en')('event.received'));
  });

  it('signs out: the session no longer opens the case', async () => {
    const cookie = await opened(filed);
    const body = new FormData();
    body.set('action', 'signout');
    const out = await post(`/${filed.lang}/track/${filed.reference}`, body, cookie);
    expect(out.status).toBe(303);
    expect((await get(`/${filed.lang}/track/${filed.reference}`, cookie)).status).toBe(303);
  });

  it('answers a wrong code and an unknown reference in the same words', async () => {
    const wrong = await signIn(running.url, 'en', filed.reference, 'AAAA-AAAA-AAAA');
    // A reference with a valid check symbol that belongs to no case.
    const { generateReference } = await import('#src/cases/reference.ts');
    const unknown = await signIn(running.url, 'en', generateReference(filed.form.referencePrefix, 2026), 'AAAA-AAAA-AAAA');
    for (const attempt of [wrong, unknown]) {
      expect(attempt.response.status).toBe(400);
      expect(attempt.cookie).toBeUndefined();
      expect(textOf(await attempt.response.text())).toContain(t('track.error.noMatch'));
    }
  });

  it('refuses a cookie for one case on another case', async () => {
    const other = await fileComplaint(running.url, running.store.db, anyForm);
    const cookieA = await opened(filed);
    const forged = cookieA.replace(`redress_case_${filed.reference}=`, `redress_case_${other.reference}=`);
    const response = await get(`/en/track/${other.reference}`, forged);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('/en/track?reference=');
  });

  it("never serves another case's attachment, nor a file to someone without the case", async () => {
    const other = await fileComplaint(running.url, running.store.db, anyForm);
    const policy = await policyFor(other.form.slug);
    await requestInformation(running.store.db, { caseId: other.caseId, actor: handler, now: now(), policy, ...base, body: 'Please send the invoice.' });
    const otherCookie = await opened(other);
    const reply = new FormData();
    reply.set('action', 'reply');
    reply.set('body', 'Here it is.');
    reply.append('files', new File([pdfBytes()], 'invoice.pdf', { type: 'application/pdf' }));
    const sent = await post(`/en/track/${other.reference}`, reply, otherCookie);
    expect(sent.status).toBe(303);
    const [file] = await running.store.db.select().from(attachments).where(eq(attachments.caseId, other.caseId));
    expect(file).toBeDefined();
    // The owner downloads it, by its content type, as an attachment.
    const own = await get(`/en/track/${other.reference}/files/${file!.id}`, otherCookie);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toMatch(/^attachment/);
    // Case A's session asks for case B's file, through either reference: nothing.
    const cookieA = await opened(filed);
    expect((await get(`/en/track/${filed.reference}/files/${file!.id}`, cookieA)).status).toBe(404);
    expect((await get(`/en/track/${other.reference}/files/${file!.id}`, cookieA)).status).toBe(404);
    expect((await get(`/en/track/${other.reference}/files/${file!.id}`)).status).toBe(404);
  });

  it('sends a magic link that works once and not after it expires', async () => {
    const email = 'complainant@example.org';
    const ask = () => post('/en/track', new URLSearchParams({ method: 'link', reference: filed.reference, email }));
    const answer = await ask();
    expect(answer.status).toBe(200);
    expect(textOf(await answer.text())).toContain(t('track.linkSent'));
    // The same answer for an email that does not match.
    const wrongEmail = await post('/en/track', new URLSearchParams({ method: 'link', reference: filed.reference, email: 'someone@example.org' }));
    expect(textOf(await wrongEmail.text())).toContain(t('track.linkSent'));

    const dir = join(running.dataDir, 'mail');
    let link: string | undefined;
    for (let i = 0; i < 60 && !link; i++) {
      if (existsSync(dir)) {
        for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
          const mail = JSON.parse(readFileSync(join(dir, f), 'utf8'));
          link ??= String(mail.text).match(/https?:\/\/\S+\/track\/link\/[A-Za-z0-9_-]+/)?.[0];
        }
      }
      if (!link) await new Promise((r) => setTimeout(r, 250));
    }
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;
    const first = await get(path);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/en/track/${filed.reference}`);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(`/en/track/${filed.reference}`, cookie)).status).toBe(200);
    // Used once: never again.
    const again = await get(path);
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain(t('track.linkInvalidTitle'));

    // An expired link is refused too.
    await ask();
    await new Promise((r) => setTimeout(r, 1500));
    await running.store.db.update(magicLinks).set({ expiresAt: new Date(Date.now() - 60_000) });
    const mails = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    const links = mails.flatMap((m) => String(m.text).match(/\/track\/link\/[A-Za-z0-9_-]+/g) ?? []);
    for (const l of links) expect((await get(`/en${l.replace(/^\/en/, '')}`)).status).toBe(400);
  });
});

describe('appeals over HTTP', () => {
  it('refuses an appeal after the window, with a clear message and no form', async () => {
    const form = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled));
    const policy = await policyFor(form.slug);
    const filed = await fileComplaint(running.url, running.store.db, form);
    // The proposal was made 60 days ago: its window has long closed.
    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    await acknowledge(running.store.db, { caseId: filed.caseId, actor: handler, now: longAgo, policy, ...base });
    await proposeResolution(running.store.db, { caseId: filed.caseId, actor: handler, now: longAgo, policy, ...base, body: 'A refund of the course fee.' });
    const cookie = await opened(filed);
    const page = await (await get(`/${filed.lang}/track/${filed.reference}`, cookie)).text();
    expect(page).not.toContain('name="action" value="appeal"');
    const body = new FormData();
    body.set('action', 'appeal');
    body.set('body', 'I disagree.');
    const refused = await post(`/${filed.lang}/track/${filed.reference}`, body, cookie);
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain(translator(filed.lang as 'en')('status.refused.windowClosed'));
  });

  it('refuses an appeal where the policy allows none', async () => {
    const form = await formWithPolicy((p) => !p.appealPolicy?.enabled);
    const policy = await policyFor(form.slug);
    const chosen = await fileComplaint(running.url, running.store.db, form);
    await proposeResolution(running.store.db, { caseId: chosen.caseId, actor: handler, now: now(), policy, ...base, body: 'We will credit your account.' });
    const cookie = await opened(chosen!);
    const body = new FormData();
    body.set('action', 'appeal');
    body.set('body', 'I disagree.');
    const refused = await post(`/${chosen!.lang}/track/${chosen!.reference}`, body, cookie);
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain(translator(chosen!.lang as 'en')('status.refused.noAppeal'));
  });
});

describe('limits on guessing', () => {
  it('refuses the sixth wrong code for a reference, and then even the right one, saying when to try again', async () => {
    const limited = await startServer({ DATABASE_URL: running.databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'redress-guess-')) });
    try {
      const filed = await fileComplaint(limited.url, running.store.db, anyForm);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await signIn(limited.url, 'en', filed.reference, 'AAAA-AAAA-AAAA')).response.status);
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
      const right = await signIn(limited.url, 'en', filed.reference, filed.accessCode);
      expect(right.response.status).toBe(429);
      expect(right.cookie).toBeUndefined();
      expect(Number(right.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(textOf(await right.response.text())).toMatch(/Too many attempts\. Try again in \d+ minutes?\./);
    } finally {
      await limited.stop();
    }
  });
});
