import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '#src/db/index.ts';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { readDataset } from '#src/content/local-source.ts';
import { dir, locales, translator } from '#src/i18n/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { htmlAttributes, textOf } from '../support/html.ts';
import { insertCase } from './fixtures.ts';

// Run against the built server (`npm run build` first; `npm test` does it).
const organisations = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => ({ id: d._id, slug: (d.slug as { current: string }).current, name: d.name as string, publishes: d.publishPerformance === true }));
const published = organisations.filter((o) => o.publishes);
const unpublished = organisations.filter((o) => !o.publishes);
const PASSWORD = 'correct horse battery staple 42';

const running = useServerOnPostgres();
const get = (path: string, cookie?: string) => fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe('the public performance page', () => {
  const org = published[0]!;
  beforeAll(async () => {
    // A complaint received an hour ago, with a name that must never appear.
    await insertCase(running.store.db, {
      reference: 'OPT-2026-PERF-0001',
      organisationId: org.id,
      status: 'received',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
  });

  it('is published by exactly one organisation of the content, which links to it', async () => {
    expect(published.map((o) => o.slug)).toEqual(['opus-telecoms']);
    const page = await (await get(`/en/${org.slug}/`)).text();
    expect(page).toContain(`href="/en/${org.slug}/performance"`);
    for (const other of unpublished) expect(await (await get(`/en/${other.slug}/`)).text()).not.toContain('/performance"');
  });

  it.each(locales)('shows twelve months of figures in %s, with the language and direction of the page', async (lang) => {
    const t = translator(lang);
    const response = await get(`/${lang}/${org.slug}/performance`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(htmlAttributes(html)).toEqual({ lang, dir: dir(lang) });
    expect(html).toMatch(/<caption>[^<]+<\/caption>/);
    expect((html.match(/<th scope="row">/g) ?? []).length).toBe(12);
    const text = textOf(html);
    expect(text).toContain(t('performance.title', { name: org.name }));
    expect(text).toContain(t('performance.acknowledgedOnTime'));
    expect(text).not.toMatch(/Complainant|example\.org|OPT-2026-PERF/);
  });

  it.each(unpublished.map((o) => o.slug))('is not found for %s, which does not publish its figures', async (slug) => {
    expect((await get(`/en/${slug}/performance`)).status).toBe(404);
  });
});

describe('staff reports', () => {
  const org = published[0]!;
  const other = unpublished[0]!;
  const members: Record<string, string> = {};

  async function member(role: 'handler' | 'manager', of: typeof org): Promise<string> {
    const email = `${role}.${of.slug}@reports.example`;
    const now = new Date();
    const created = await createStaff(running.store.db, { email, name: `${role} ${of.slug}`, organisationSlug: of.slug, organisationId: of.id, role, now });
    await setPassword(running.store.db, { token: created.setPasswordToken!, password: PASSWORD, now });
    const response = await fetch(`${running.url}/staff/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ email, password: PASSWORD }),
      headers: { origin: running.url },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    return response.headers
      .getSetCookie()
      .find((c) => c.startsWith('redress_staff='))!
      .split(';')[0]!;
  }

  beforeAll(async () => {
    members.manager = await member('manager', org);
    members.handler = await member('handler', org);
    members.otherManager = await member('manager', other);
    await insertCase(running.store.db, { reference: 'OPT-2025-REPT-0001', organisationId: org.id, status: 'received', receivedAt: '2025-03-03T10:00:00Z' });
  });

  it('shows a manager the monthly figures and a link to the CSV', async () => {
    const response = await get(`/staff/reports?org=${org.slug}&from=2025-03-01&to=2025-03-31`, members.manager);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('/staff/reports/cases.csv?org=opus-telecoms&amp;from=2025-03-01&amp;to=2025-03-31');
    expect((html.match(/<th scope="row">/g) ?? []).length).toBe(1);
  });

  it("answers dates it cannot read with the error summary, in the member's language", async () => {
    const response = await get(`/staff/reports?org=${org.slug}&from=2025-02-30&to=2025-01-01&lang=hu`, members.manager);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#f-from"');
    expect(textOf(html)).toContain(translator('hu')('staff.reports.error.from'));
  });

  it('is not found for a handler', async () => {
    expect((await get('/staff/reports', members.handler)).status).toBe(404);
    expect((await get(`/staff/reports/cases.csv?org=${org.slug}&from=2025-03-01&to=2025-03-31`, members.handler)).status).toBe(404);
  });

  it("downloads the CSV of the manager's own organisation only, and records each download", async () => {
    const response = await get(`/staff/reports/cases.csv?org=${org.slug}&from=2025-03-01&to=2025-03-31`, members.manager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="redress-${org.slug}-2025-03-01-2025-03-31.csv"`);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^OPT-2025-REPT-0001,/);
    const audit = await running.store.db.select().from(auditLog).where(eq(auditLog.action, 'reports.caseExport'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisationId: org.id, details: { from: '2025-03-01', to: '2025-03-31', rows: 1 } });

    expect((await get(`/staff/reports/cases.csv?org=${org.slug}&from=2025-03-01&to=2025-03-31`, members.otherManager)).status).toBe(404);
  });
});
