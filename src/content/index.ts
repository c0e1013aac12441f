import { resolve } from 'node:path';
import { env } from '../env.ts';
import { createContentService, type ContentService } from './content-service.ts';
import { currentContentScope } from './content-scope.ts';
import { createLocalSource } from './local-source.ts';
import { createSanitySource } from './sanity-source.ts';
import { complaintFormQuery, complaintsCodeQuery, organisationQuery, organisationsQuery } from './queries.ts';
import type {
  ComplaintFormQueryResult,
  ComplaintsCodeQueryResult,
  OrganisationQueryResult,
  OrganisationsQueryResult,
} from './sanity.types.ts';

export { ContentUnavailableError } from './content-service.ts';
export type { ContentService } from './content-service.ts';
export { runInContentScope } from './content-scope.ts';
export { parseWebhookChange } from './webhook-change.ts';
export { contentLanguage, localise, type I18nValue, type Localised } from './localise.ts';
export type Organisation = NonNullable<OrganisationQueryResult>;
export type OrganisationSummary = OrganisationsQueryResult[number];
export type ComplaintsCode = NonNullable<ComplaintsCodeQueryResult>;
export type CodeVersion = Organisation['codes'][number];

let service: ContentService | undefined;
let previewService: ContentService | undefined;

/**
 * The content service of this process, chosen from the environment: Sanity when
 * SANITY_PROJECT_ID is set (cached for CONTENT_TTL_SECONDS), else the local ndjson files
 * (cached until a file changes).
 */
export function contentService(): ContentService {
  if (service) return service;
  const e = env();
  if (e.SANITY_PROJECT_ID) {
    service = createContentService(sanitySource(e.SANITY_PROJECT_ID, 'published'), { ttlMs: e.CONTENT_TTL_SECONDS * 1000 });
  } else {
    const source = createLocalSource(resolve(e.CONTENT_DIR), { watchFiles: e.CONTENT_WATCH });
    service = createContentService(source, { ttlMs: Number.POSITIVE_INFINITY });
  }
  return service;
}

/**
 * Drafts for editors' preview: Sanity's drafts perspective with the read token, or the
 * local files with their `drafts.*` documents. Nothing is kept fresh in memory (TTL 0),
 * so every preview request reads the latest draft.
 */
function draftsService(): ContentService {
  if (previewService) return previewService;
  const e = env();
  const source = e.SANITY_PROJECT_ID
    ? sanitySource(e.SANITY_PROJECT_ID, 'drafts')
    : createLocalSource(resolve(e.CONTENT_DIR), { watchFiles: e.CONTENT_WATCH, drafts: true });
  previewService = createContentService(source, { ttlMs: 0 });
  return previewService;
}

/** The Sanity project of the environment, in one perspective (drafts never go through the CDN). */
function sanitySource(projectId: string, perspective: 'published' | 'drafts') {
  const e = env();
  return createSanitySource({
    projectId,
    dataset: e.SANITY_DATASET,
    apiVersion: e.SANITY_API_VERSION,
    token: e.SANITY_READ_TOKEN,
    apiHost: e.SANITY_API_HOST,
    perspective,
    useCdn: !e.SANITY_WEBHOOK_SECRET,
  });
}

/** The service for the current request: drafts inside a preview scope, else published. */
function activeService(): ContentService {
  return currentContentScope()?.preview ? draftsService() : contentService();
}

/** Every organisation, for the directory. */
export function listOrganisations(): Promise<OrganisationsQueryResult> {
  return activeService().query<OrganisationsQueryResult>(organisationsQuery);
}

/**
 * Every language some organisation publishes in, the interface languages aside: these have
 * pages too (/cy/...), with the interface in the nearest language the site speaks.
 */
export async function publishedLanguages(): Promise<Set<string>> {
  return new Set((await listOrganisations()).flatMap((org) => (org.languages ?? []) as string[]));
}

/** One organisation by slug, or null. */
export function getOrganisation(slug: string): Promise<OrganisationQueryResult> {
  return activeService().query<OrganisationQueryResult>(organisationQuery, { slug });
}

/** One version of an organisation's complaints code in one language, or null. */
export function getComplaintsCode(organisationId: string, language: string, version: string): Promise<ComplaintsCodeQueryResult> {
  return activeService().query<ComplaintsCodeQueryResult>(complaintsCodeQuery, { organisationId, language, version });
}

/** An organisation's complaint form definition, or null. */
export function getComplaintForm(formId: string): Promise<ComplaintFormQueryResult> {
  return activeService().query<ComplaintFormQueryResult>(complaintFormQuery, { formId });
}

/**
 * The versions of the code in one language, newest first, split into the one in force on
 * `today` (YYYY-MM-DD in the organisation's time zone) and the earlier ones. Versions not
 * yet in force are left out.
 */
export function codeVersions(codes: readonly CodeVersion[], language: string, today: string) {
  const inForce = codes
    .filter((code) => code.language === language && code.effectiveFrom && code.effectiveFrom <= today)
    .sort((a, b) => (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''));
  return { current: inForce[0] ?? null, earlier: inForce.slice(1) };
}
