import { createServer } from 'node:http';
import { text } from 'node:stream/consumers';
import { parse } from 'groq-js';
import { draftsPerspective, publishedPerspective, readDataset, runGroq, type SanityDocument } from '#src/content/local-source.ts';

export interface FakeContentLake {
  /** The origin to give @sanity/client as `apiHost` (SANITY_API_HOST). */
  readonly url: string;
  readonly projectId: string;
  readonly dataset: string;
  /** When true, every query is answered 503, as a Content Lake outage would. */
  down: boolean;
  /** Query requests received, by perspective. */
  readonly queries: { published: number; drafts: number };
  document(id: string): SanityDocument | undefined;
  /** Creates or replaces a document (a draft when its id starts with `drafts.`). */
  put(doc: SanityDocument): void;
  /** Changes fields of a document, as publishing an edit would. */
  patch(id: string, fields: Record<string, unknown>): SanityDocument;
  close(): Promise<void>;
}

/**
 * A local stand-in for Sanity's query API (`GET|POST /v{version}/data/query/{dataset}`),
 * answering from NDJSON documents with groq-js and replying `{query, result, ms}` the way
 * the real API does. The published perspective hides drafts; the drafts perspective
 * overlays them and, as in Sanity, needs a token. Only the project and dataset it was made
 * for are answered.
 */
export async function startFakeContentLake(
  options: { contentDir?: string; projectId?: string; dataset?: string; token?: string } = {},
): Promise<FakeContentLake> {
  const projectId = options.projectId ?? 'fakeproject';
  const dataset = options.dataset ?? 'production';
  const docs = new Map<string, SanityDocument>();
  for (const doc of readDataset(options.contentDir ?? 'content', { perspective: 'raw' })) docs.set(doc._id, doc);
  const queries = { published: 0, drafts: 0 };

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://lake.invalid');
    const route = /^\/v[\d-]+\/data\/query\/([^/]+)$/.exec(url.pathname);
    if (!route) return send(404, { error: 'Not Found', message: 'Unknown route' });
    if (route[1] !== dataset || req.headers['x-sanity-project-id'] !== projectId) {
      return send(404, { error: 'Not Found', message: 'Project or dataset not found' });
    }
    if (lake.down) return send(503, { error: 'Service Unavailable', message: 'The Content Lake is down (fake)' });

    let query: string | undefined;
    let params: Record<string, unknown> = {};
    try {
      if (req.method === 'POST') {
        const body = JSON.parse(await text(req)) as { query?: string; params?: Record<string, unknown> };
        query = body.query;
        params = body.params ?? {};
      } else {
        query = url.searchParams.get('query') ?? undefined;
        for (const [name, value] of url.searchParams) if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value);
      }
    } catch {
      return send(400, { error: 'Bad Request', message: 'Malformed parameters' });
    }
    if (!query) return send(400, { error: 'Bad Request', message: 'Missing query' });

    const perspective = url.searchParams.get('perspective') ?? 'raw';
    const authorised = options.token === undefined || req.headers.authorization === `Bearer ${options.token}`;
    if (perspective === 'drafts' && !authorised) return send(401, { error: 'Unauthorized', message: 'Drafts need a token' });
    const all = [...docs.values()];
    const visible = perspective === 'drafts' ? draftsPerspective(all) : perspective === 'published' || !authorised ? publishedPerspective(all) : all;
    queries[perspective === 'drafts' ? 'drafts' : 'published'] += 1;
    const started = performance.now();
    try {
      const result = await runGroq(parse(query), visible, params);
      send(200, { query, result, ms: Math.round(performance.now() - started) });
    } catch (error) {
      send(400, { error: 'Bad Request', message: (error as Error).message });
    }
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };

  const lake: FakeContentLake = {
    url: `http://127.0.0.1:${port}`,
    projectId,
    dataset,
    down: false,
    queries,
    document: (id) => docs.get(id),
    put(doc) {
      docs.set(doc._id, doc);
    },
    patch(id, fields) {
      const current = docs.get(id);
      if (!current) throw new Error(`fake content lake: no document ${id}`);
      const next = { ...current, ...fields };
      docs.set(id, next);
      return next;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
  return lake;
}

/**
 * The site's environment for reading from this lake through @sanity/client, with a webhook
 * secret and a TTL long enough that only a webhook makes a change show.
 */
export function siteEnvFor(lake: FakeContentLake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SANITY_PROJECT_ID: lake.projectId,
    SANITY_DATASET: lake.dataset,
    SANITY_API_HOST: lake.url,
    CONTENT_TTL_SECONDS: '3600',
    ...extra,
  };
}
