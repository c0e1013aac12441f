import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { locales, translator, type Locale, type MessageKey } from '#src/i18n/index.ts';
import { readDataset } from '#src/content/local-source.ts';
import { formFields, organisationForms, validAnswers, type OrganisationForm } from './complaint-forms.ts';
import { caseStates, type CaseState, type SiteFixture } from './site-fixture.ts';

/**
 * One page of the site as a person reaches it: an address, who is signed in, and what they
 * did there (submitting a form empty to see its errors). Every page type of the site is in
 * the catalogue, in every language, so the browser checks can walk all of them.
 */
export interface PageVisit {
  /** The page type. No two types may share a title in a language. */
  type: string;
  /** What distinguishes this visit from others of its type (an organisation, a state, "with errors"). */
  variant: string;
  lang: Locale;
  path: string;
  who?: { complainant: CaseState } | { staff: 'handler' | 'manager' };
  /** Done once the page is open; must leave the page on the document to check. */
  act?: (page: Page, serverUrl: string) => Promise<void>;
  /** The organisation the page is about: its title must name it. */
  organisation?: string;
  /** The HTTP status of the document shown (200 unless said; 400 for a form shown with errors). */
  status?: number;
  /** A text the page must show (what makes this variant what it is), in the visit's language. */
  says?: string;
  /** A banner the site header must show (draft preview), and with it a robots noindex. */
  banner?: string;
  /** Staff pages, whose language comes from `?lang=` rather than the path. */
  staff?: boolean;
}

/** Submits the form holding `button` by pressing it, and waits for the answer. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), page.locator(button).first().click()]);
  await page.waitForLoadState();
}

/** Posts a complete complaint from the form page and follows the redirect to the confirmation. */
async function fileFromForm(page: Page, serverUrl: string, form: OrganisationForm, lang: Locale) {
  const key = await page.locator('input[name="_key"]').getAttribute('value');
  const draft = await page.locator('input[name="_draft"]').getAttribute('value');
  const { body } = validAnswers(formFields(form, lang));
  const multipart: Record<string, string> = { _key: key!, _draft: draft! };
  for (const [name, value] of body.entries()) if (typeof value === 'string') multipart[name] = value;
  const url = page.url();
  const response = await page.request.post(url, { multipart, headers: { origin: serverUrl }, maxRedirects: 0 });
  if (response.status() !== 303) throw new Error(`complaint refused: ${response.status()}`);
  await page.goto(`${serverUrl}${response.headers()['location']}`);
}

/** What each state of the status page must say (as the status page test asserted before). */
const stateSays: Record<(typeof caseStates)[number], MessageKey> = {
  received: 'status.name.received',
  'awaiting reply': 'status.rfiHeading',
  'resolution proposed': 'status.appealHeading',
  appealed: 'status.name.appealed',
  decided: 'status.decisionFinal',
  'ADR eligible': 'status.adrHeading',
  closed: 'status.name.closed',
};

/** Fills the accessible-format request with the first choice of each question and sends it. */
async function requestAFormat(page: Page): Promise<void> {
  await page.locator('#f-subject').check();
  if (await page.locator('#f-format').count()) await page.locator('#f-format').check();
  await page.locator('#f-details').fill('Polish');
  await page.locator('#f-delivery').check();
  await page.locator('#f-name').fill('Ann Reader');
  await page.locator('[id="f-postalAddress.line1"]').fill('1 High Street');
  await page.locator('[id="f-postalAddress.town"]').fill('Leeds');
  await page.locator('[id="f-postalAddress.postcode"]').fill('LS1 1AA');
  await submit(page, 'main form button[type="submit"]');
}

export interface SiteShape {
  forms: OrganisationForm[];
  names: Map<string, string>;
  /** Per organisation: an earlier code version, whether it publishes performance, whether it has an accessible-formats page. */
  olderCode: Map<string, string>;
  performance: Set<string>;
  accessibleFormats: Set<string>;
}

/** Reads from the running site what content offers: earlier code versions, performance pages, optional routes. */
export async function readSiteShape(serverUrl: string): Promise<SiteShape> {
  const forms = organisationForms();
  const names = new Map(
    readDataset('content')
      .filter((d) => d._type === 'organisation')
      .map((d) => [(d.slug as { current: string }).current, String(d.name)]),
  );
  const olderCode = new Map<string, string>();
  const performance = new Set<string>();
  const accessibleFormats = new Set<string>();
  for (const form of forms) {
    const lang = form.languages[0]!;
    const org = await (await fetch(`${serverUrl}/${lang}/${form.slug}/`)).text();
    if (org.includes(`/${form.slug}/performance"`)) performance.add(form.slug);
    const code = await (await fetch(`${serverUrl}/${lang}/${form.slug}/code`)).text();
    const older = code
      .match(new RegExp(`href="/${lang}/${form.slug}/code/([^"/]+)"`, 'g'))
      ?.map((m) => m.split('/code/')[1]!.replace('"', ''))
      .find((v) => v !== 'large-print');
    if (older) olderCode.set(form.slug, older);
    // Where an organisation has no accessible-formats page (it offers none), there is nothing to check.
    if ((await fetch(`${serverUrl}/${lang}/${form.slug}/accessible-formats`)).status === 200) accessibleFormats.add(form.slug);
  }
  return { forms, names, olderCode, performance, accessibleFormats };
}

/** The draft-preview secret the catalogue's server is started with (SANITY_PREVIEW_SECRET). */
export const previewSecret = 'catalogue-preview-secret-0123456789';

/** Every page type of the site, in every language. */
export function pageCatalogue(site: SiteFixture, shape: SiteShape, languages: readonly Locale[] = locales): PageVisit[] {
  const visits: PageVisit[] = [];
  const emptySubmit = (button: string) => (page: Page) => submit(page, button);
  for (const lang of languages) {
    const t = translator(lang);
    const add = (visit: Omit<PageVisit, 'lang'>) => visits.push({ ...visit, lang });
    add({ type: 'directory', variant: '', path: `/${lang}/` });
    add({ type: 'accessibility statement', variant: '', path: `/${lang}/accessibility` });
    add({ type: 'not found', variant: '', path: `/${lang}/no-such-page/`, status: 404 });
    add({ type: 'tracking sign-in', variant: '', path: `/${lang}/track` });
    add({ type: 'tracking sign-in', variant: 'with errors', path: `/${lang}/track`, act: emptySubmit('main form button[type="submit"]'), status: 400 });
    add({ type: 'spent sign-in link', variant: '', path: `/${lang}/track/link/${'x'.repeat(43)}`, status: 400 });
    for (const form of shape.forms) {
      const slug = form.slug;
      const organisation = shape.names.get(slug);
      const at = (type: string, path: string, more: Partial<PageVisit> = {}) =>
        add({ type, variant: slug, path: `/${lang}/${slug}${path}`, organisation, ...more });
      at('organisation', '/');
      at('complaints code', '/code');
      at('complaints code in large print', '/code/large-print');
      if (shape.olderCode.has(slug)) at('earlier complaints code', `/code/${shape.olderCode.get(slug)}`);
      if (shape.performance.has(slug)) at('performance', '/performance');
      if (form.takesCompliments) at('compliment form', '/compliment');
      if (form.hasTriage) at('complaint triage', '/complain');
      at('complaint form', '/complain?about=complaint');
      at('complaint form', '/complain?about=complaint', {
        variant: `${slug} with errors`,
        act: emptySubmit('form.case-form button[type="submit"]'),
        status: 400,
      });
      if (shape.accessibleFormats.has(slug)) {
        at('accessible formats', '/accessible-formats');
        at('accessible formats', '/accessible-formats', { variant: `${slug} with errors`, act: emptySubmit('main form button[type="submit"]'), status: 400 });
      }
    }
    const first = shape.forms[0]!;
    // An editor's draft preview: the same page with the preview banner and its exit link.
    add({
      type: 'organisation',
      variant: `${first.slug} in draft preview`,
      path: `/api/preview?secret=${previewSecret}&redirect=${encodeURIComponent(`/${lang}/${first.slug}/`)}`,
      organisation: shape.names.get(first.slug),
      banner: t('preview.banner'),
    });
    add({
      type: 'confirmation',
      variant: first.slug,
      path: `/${lang}/${first.slug}/complain?about=complaint`,
      organisation: shape.names.get(first.slug),
      act: (page, url) => fileFromForm(page, url, first, lang),
    });
    const formatsOrg = shape.forms.find((f) => shape.accessibleFormats.has(f.slug));
    if (formatsOrg) {
      add({
        type: 'accessible formats confirmation',
        variant: formatsOrg.slug,
        path: `/${lang}/${formatsOrg.slug}/accessible-formats`,
        organisation: shape.names.get(formatsOrg.slug),
        act: requestAFormat,
      });
    }
    for (const state of caseStates) {
      const c = site.cases.get(state)!;
      add({
        type: 'status page',
        variant: state,
        path: `/${lang}/track/${c.reference}`,
        who: { complainant: state },
        organisation: shape.names.get(c.form.slug),
        says: t(stateSays[state]),
      });
    }
    const proposed = site.cases.get('resolution proposed')!;
    add({
      type: 'status page',
      variant: 'appeal with errors',
      path: `/${lang}/track/${proposed.reference}`,
      who: { complainant: 'resolution proposed' },
      organisation: shape.names.get(proposed.form.slug),
      act: emptySubmit('form:has(input[name="action"][value="appeal"]) button[type="submit"]'),
      status: 400,
      says: t('status.error.appealRequired'),
    });

    // The back office: its language is chosen with ?lang= (and kept in a cookie).
    const staffAt = (type: string, variant: string, path: string, who: 'handler' | 'manager' | null, more: Partial<PageVisit> = {}) =>
      add({ type, variant, path: `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, staff: true, ...(who ? { who: { staff: who } } : {}), ...more });
    staffAt('staff sign-in', '', '/staff/sign-in', null);
    staffAt('staff sign-in', 'with errors', '/staff/sign-in', null, { act: emptySubmit('main form button[type="submit"]'), status: 400 });
    staffAt('staff set-password', '', `/staff/set-password/${site.setPasswordToken}`, null);
    staffAt('staff set-password', 'with errors', `/staff/set-password/${site.setPasswordToken}`, null, {
      act: emptySubmit('main form button[type="submit"]'),
      status: 400,
    });
    staffAt('staff queue', '', '/staff', 'handler', { says: t('staff.queue.title') });
    staffAt('staff queue', 'filtered, empty', '/staff?status=closed&due=overdue&channel=post', 'handler', { says: t('staff.queue.emptyFiltered') });
    for (const state of caseStates)
      staffAt('staff case', state, `/staff/cases/${site.cases.get(state)!.caseId}`, 'handler', { says: t('staff.case.timeline') });
    staffAt('staff case', 'with errors', `/staff/cases/${site.cases.get('awaiting reply')!.caseId}`, 'handler', {
      act: emptySubmit('form:has(input[name="action"][value="note"]) button[type="submit"]'),
      status: 400,
      says: t('staff.case.error.note'),
    });
    staffAt('staff case', 'appeal decision', `/staff/cases/${site.cases.get('appealed')!.caseId}`, 'manager', { says: t('staff.case.decideAppeal.submit') });
    staffAt('staff log a complaint', 'choose organisation', '/staff/cases/new', 'handler');
    staffAt('staff log a complaint', 'form', `/staff/cases/new?org=${site.appeals.slug}`, 'handler');
    staffAt('staff log a complaint', 'with errors', `/staff/cases/new?org=${site.appeals.slug}`, 'handler', {
      act: emptySubmit('main form[method="post"] button[type="submit"]'),
      status: 400,
      says: t('staff.log.error.record'),
    });
    staffAt('staff reports', '', '/staff/reports', 'manager');
    staffAt('staff reports', 'with errors', '/staff/reports?org=&from=soon&to=later', 'manager', { status: 400 });
    if (shape.accessibleFormats.size > 0) {
      staffAt('staff format requests', '', '/staff/formats', 'handler', { says: t('staffFormats.title') });
      staffAt('staff format request', '', `/staff/formats/${site.formatRequestId}`, 'handler', { says: t('staffFormats.fulfil.heading') });
      staffAt('staff format request', 'with errors', `/staff/formats/${site.formatRequestId}`, 'handler', {
        act: emptySubmit('form:has(input[name="action"][value="decline"]) button[type="submit"]'),
        status: 400,
        says: t('staffFormats.error.decline'),
      });
    }
  }
  return visits;
}

export interface OpenedVisit {
  context: BrowserContext;
  page: Page;
  /** The HTML the server sent for the document now shown (not the DOM after parsing). */
  html: string;
  status: number;
  close: () => Promise<void>;
}

/** Opens a visit in a fresh browser context with the right cookies, and does what it says. */
export async function openVisit(browser: Browser, serverUrl: string, site: SiteFixture, visit: PageVisit): Promise<OpenedVisit> {
  // JavaScript stays on: axe runs as a script in the page (the pages themselves carry none).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const cookies: string[] = [];
  if (visit.who && 'complainant' in visit.who) cookies.push(site.cases.get(visit.who.complainant)!.cookie);
  if (visit.who && 'staff' in visit.who) cookies.push(site.staff[visit.who.staff].cookie);
  await context.addCookies(cookies.map((c) => ({ name: c.split('=')[0]!, value: c.slice(c.indexOf('=') + 1), url: serverUrl })));
  const page = await context.newPage();
  let last: Response | null = null;
  page.on('response', (response) => {
    const redirect = response.status() >= 300 && response.status() < 400;
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame() && !redirect) last = response;
  });
  await page.goto(`${serverUrl}${visit.path}`);
  await visit.act?.(page, serverUrl);
  const shown = last as Response | null;
  if (!shown) throw new Error(`no document for ${visit.path}`);
  return { context, page, html: await shown.text(), status: shown.status(), close: () => context.close() };
}

/** A file name for a visit's saved HTML: readable in the checker's report. */
export const visitFileName = (visit: PageVisit) =>
  `${visit.lang}--${visit.type}--${visit.variant || 'plain'}`.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() + '.html';
