import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../../src/db/index.ts';
import { acknowledge, appeal, assign, close, decideAppeal, issueDeadlock, proposeResolution, requestInformation } from '../../src/cases/actions.ts';
import { runAdrScheduler } from '../../src/cases/adr-scheduler.ts';
import { locales, translator } from '../../src/i18n/index.ts';
import { policyForOrganisationId } from '../../site/lib/case-policy.ts';
import { createEmptyDatabase, type EmptyDatabase } from '../support/databases.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser, wcagTags } from '../support/browser.ts';
import { fileComplaint, formWithPolicy, handler, manager, policyFor, signIn, type FiledCase } from '../support/cases.ts';

let server: RunningServer;
let empty: EmptyDatabase;
let store: Database;
let browser: Browser;
let context: BrowserContext;
const states = new Map<string, { filed: FiledCase; cookie: string; expect: string }>();
const base = { publicBaseUrl: 'http://localhost:4321' };

beforeAll(async () => {
  empty = await createEmptyDatabase('postgres');
  [server, browser] = await Promise.all([
    startServer({ DATABASE_URL: empty.url!, DATA_DIR: mkdtempSync(join(tmpdir(), 'redress-states-')), SUBMIT_RATE_LIMIT: '10000' }),
    launchBrowser(),
  ]);
  store = await connect({ databaseUrl: empty.url! });
  context = await browser.newContext();

  // One case in each state the status page shows, driven through the core API as staff would.
  const appeals = await formWithPolicy((p) => Boolean(p.appealPolicy?.enabled));
  const adr = await formWithPolicy((p) => (p.adr ?? []).some((rule) => rule.onDeadlock));
  const appealPolicy = await policyFor(appeals.slug);
  const adrPolicy = await policyFor(adr.slug);
  const db = store.db;
  const make = async (name: string, form: typeof appeals, drive: (c: FiledCase) => Promise<unknown>, expectKey: string) => {
    const filed = await fileComplaint(server.url, db, form);
    await drive(filed);
    const { cookie } = await signIn(server.url, filed.lang, filed.reference, filed.accessCode);
    states.set(name, { filed, cookie: cookie!, expect: expectKey });
  };
  const input = (c: FiledCase, policy: typeof appealPolicy, actor = handler) => ({ caseId: c.caseId, actor, now: new Date(), policy, ...base });
  await make('received', appeals, async () => {}, 'status.name.received');
  await make('awaiting reply', appeals, async (c) => {
    await acknowledge(db, input(c, appealPolicy));
    await assign(db, { ...input(c, appealPolicy), assigneeId: handler.id!, assigneeName: handler.name! });
    await requestInformation(db, { ...input(c, appealPolicy), body: 'Please send the dates of the sessions you missed.' });
  }, 'status.rfiHeading');
  await make('resolution proposed', appeals, async (c) => {
    await acknowledge(db, input(c, appealPolicy));
    await proposeResolution(db, { ...input(c, appealPolicy), body: 'We will repeat the module at no cost.', compensation: 'A free place on the next course.' });
  }, 'status.appealHeading');
  const appealed = async (c: FiledCase) => {
    await acknowledge(db, input(c, appealPolicy));
    await proposeResolution(db, { ...input(c, appealPolicy), body: 'We will repeat the module at no cost.' });
    await appeal(db, { caseId: c.caseId, actor: { type: 'complainant' }, now: new Date(), policy: appealPolicy, ...base, body: 'The module was not the problem: the instructor was.' });
  };
  await make('appealed', appeals, appealed, 'status.name.appealed');
  await make('decided', appeals, async (c) => {
    await appealed(c);
    const result = await decideAppeal(db, { ...input(c, appealPolicy, manager), outcome: 'partlyUpheld', body: 'We will refund half of the fee.' });
    if (!result.ok) throw new Error(`decideAppeal refused: ${result.reason}`);
  }, 'status.decisionFinal');
  await make('ADR eligible', adr, async (c) => {
    await acknowledge(db, input(c, adrPolicy));
    await issueDeadlock(db, { ...input(c, adrPolicy), body: 'We cannot agree on a solution.' });
    await runAdrScheduler(db, { now: new Date(), policyFor: policyForOrganisationId, ...base });
  }, 'status.adrHeading');
  await make('closed', adr, async (c) => {
    await acknowledge(db, input(c, adrPolicy));
    await close(db, { ...input(c, adrPolicy), body: 'Your line was repaired on 3 November.' });
  }, 'status.name.closed');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  await store?.close();
  await empty?.drop();
});

const cases = ['received', 'awaiting reply', 'resolution proposed', 'appealed', 'decided', 'ADR eligible', 'closed'].flatMap((state) =>
  locales.map((lang) => [state, lang] as const),
);

describe('the status page in every state', () => {
  it.each(cases)('%s, in %s, shows the state and has no WCAG 2.2 A or AA violations', async (state, lang) => {
    const { filed, cookie, expect: key } = states.get(state)!;
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const page = await context.newPage();
    try {
      const response = await page.goto(`${server.url}/${lang}/track/${filed.reference}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('main').innerText()).toContain(translator(lang)(key).replace(/\{[^}]+\}.*/, '').trim());
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(locales)('the sign-in page with errors has no violations in %s', async (lang) => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/${lang}/track`);
      await page.locator('form').first().locator('button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').count()).toBe(1);
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
