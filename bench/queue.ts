// Benchmark of the back-office queue on PostgreSQL with a million cases: a throwaway cluster,
// migrated with connect(), seeded in SQL (generate_series) over the organisations of the
// content, ANALYZEd; then the queue pages of src/cases/queue.ts timed BENCH_RUNS (200) times
// each, then the queue pages themselves over HTTP from the built server, signed in as a
// manager (npm run build first). Prints p50 and p95 and writes bench/results/queue.json.
// Goal: p95 <= 50 ms.
// Run: npm run bench:queue (BENCH_CASES=1000000 by default).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { readDataset } from '#src/content/local-source.ts';
import { connect } from '#src/db/index.ts';
import { queuePage, type QueueQuery } from '#src/cases/queue.ts';
import { startThrowawayCluster } from '../test/support/postgres-global-setup.ts';

const total = Number(process.env.BENCH_CASES ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const staffPerOrganisation = 40;

const organisations = readDataset('content')
  .filter((d) => d._type === 'organisation')
  .map((d) => ({
    id: d._id,
    slug: (d.slug as { current: string }).current,
    prefix: (d.referencePrefix as string | undefined) ?? 'RDR',
    languages: (d.languages as string[] | undefined) ?? ['en'],
  }))
  .sort((a, b) => a.slug.localeCompare(b.slug));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const array = (items: readonly string[]) => `array[${items.map(quote).join(',')}]`;
const firstNames = [
  'Anna',
  'Ágnes',
  'Béla',
  'Claire',
  'David',
  'Eszter',
  'Fatma',
  'Gábor',
  'Hela',
  'Imre',
  'James',
  'Karim',
  'Léa',
  'Mohamed',
  'Nóra',
  'Olivia',
  'Péter',
  'Sarra',
  'Thomas',
  'Yasmine',
];
const surnames = [
  'Smith',
  'Kovács',
  'Nagy',
  'Martin',
  'Ben Ali',
  'Trabelsi',
  'Jones',
  'Tóth',
  'Dubois',
  'Williams',
  'Szabó',
  'Bernard',
  'Haddad',
  'Brown',
  'Horváth',
  'Taylor',
];
const now = new Date();

const cluster = await startThrowawayCluster();
const results: { query: string; rows: number; p50: number; p95: number; max: number }[] = [];
let seedSeconds: number;
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE redress_bench');
  await admin.end();
  const databaseUrl = cluster.url.replace(/\/[^/?]*(\?|$)/, '/redress_bench$1');
  const database = await connect({ databaseUrl, poolSize: 4 });
  const { db } = database;

  const seedStarted = performance.now();
  // One row per case; r1..r6 are independent random numbers of the row. Statuses: 70 % closed,
  // the open ones spread over the lifecycle; open cases were received in the last 90 days,
  // closed ones over three years; a due instant 5 to 45 days after receipt (many overdue),
  // none once a resolution is proposed; an assignee once the case is past `received`.
  await db.execute(
    sql.raw(`
    insert into cases (reference, organisation_id, organisation_slug, kind, channel, language, status,
      access_code_hash, complainant_name, complainant_email, reply_channel, compensation_claim,
      received_at, next_due_event, next_due_at, assignee_id)
    select
      prefix[o] || '-' || extract(year from received_at)::int || '-' || substr(lpad(upper(to_hex(g)), 8, '0'), 1, 4) || '-' || substr(lpad(upper(to_hex(g)), 8, '0'), 5, 4),
      org_id[o], org_slug[o],
      case when r6 < 0.04 then 'compliment' else 'complaint' end,
      case when r5 < 0.70 then 'web' when r5 < 0.80 then 'email' when r5 < 0.92 then 'phone' when r5 < 0.97 then 'post' else 'inPerson' end,
      (string_to_array(langs[o], ','))[1 + floor(r4 * array_length(string_to_array(langs[o], ','), 1))::int],
      status,
      'scrypt$bench',
      (${array(firstNames)})[1 + floor(r3 * ${firstNames.length})::int] || ' ' || (${array(surnames)})[1 + floor(r2 * ${surnames.length})::int],
      'case' || g || '@example.org',
      'email',
      r6 > 0.9,
      received_at,
      case when status in ('received') then 'acknowledge'
           when status in ('acknowledged', 'investigating', 'awaiting_complainant', 'escalated') then 'resolve'
           when status = 'appealed' then 'appealDecision' end,
      case when status in ('received', 'acknowledged', 'investigating', 'awaiting_complainant', 'escalated', 'appealed')
           then received_at + (5 + r2 * 40) * interval '1 day' end,
      case when status <> 'received' then 'staff-' || org_slug[o] || '-' || (1 + floor(r3 * ${staffPerOrganisation}))::int end
    from (
      select g, o, r1, r2, r3, r4, r5, r6, status,
        case when status = 'closed' then now() - r2 * interval '1095 days' else now() - r2 * interval '90 days' end as received_at
      from (
        select g, 1 + (g % ${organisations.length}) as o, r1, r2, r3, r4, r5, r6,
          case when r1 < 0.70 then 'closed' when r1 < 0.73 then 'received' when r1 < 0.76 then 'acknowledged'
               when r1 < 0.88 then 'investigating' when r1 < 0.92 then 'awaiting_complainant'
               when r1 < 0.95 then 'resolution_proposed' when r1 < 0.96 then 'appealed' when r1 < 0.97 then 'escalated'
               when r1 < 0.98 then 'deadlock' when r1 < 0.99 then 'appeal_decided' else 'accepted' end as status
        from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 from generate_series(1, ${total}) g) raw
      ) picked
    ) seeded,
    (select ${array(organisations.map((o) => o.id))} org_id, ${array(organisations.map((o) => o.slug))} org_slug,
            ${array(organisations.map((o) => o.prefix))} prefix, ${array(organisations.map((o) => o.languages.join(',')))} langs) orgs
  `),
  );
  await db.execute(
    sql.raw(`
    insert into case_events (case_id, type, actor_type, visibility, data, created_at)
    select id, 'received', 'complainant', 'complainant', jsonb_build_object('channel', channel), received_at from cases
  `),
  );
  // VACUUM as well as ANALYZE: the visibility map lets index-only checks skip the heap, and
  // autovacuum does not start on the fresh million rows in the middle of the timings.
  await db.execute(sql.raw('vacuum (analyze)'));
  seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
  const counted = await db.execute(sql.raw('select count(*)::int as count from cases'));
  const count = (counted as { rows: { count: number }[] }).rows[0]!.count;
  console.log(`seeded ${count} cases and their received events in ${seedSeconds} s`);

  const [first, second] = organisations;
  const staff = `staff-${first!.slug}-7`;
  const base = { organisationIds: [first!.id], limit: 50, now };
  const filtered: QueueQuery = { ...base, filters: { status: 'investigating', overdue: true, assigneeId: staff } };
  const firstFiltered = await queuePage(db, filtered);
  const firstPage = await queuePage(db, base);
  const queries: { name: string; query: QueueQuery }[] = [
    { name: 'first page (one organisation, open)', query: base },
    { name: 'second page (keyset)', query: { ...base, after: firstPage.next } },
    { name: 'filtered: investigating + overdue + assignee', query: filtered },
    ...(firstFiltered.next ? [{ name: 'filtered, second page (keyset)', query: { ...filtered, after: firstFiltered.next } }] : []),
    { name: 'two organisations, open', query: { ...base, organisationIds: [first!.id, second!.id] } },
    { name: 'language + channel', query: { ...base, filters: { language: first!.languages.at(-1)!, channel: 'post' } } },
    { name: 'search: name prefix', query: { ...base, filters: { search: 'Nóra Sz' } } },
    { name: 'search: reference', query: { ...base, filters: { search: firstPage.rows[10]!.reference.toLowerCase() } } },
  ];

  if (process.env.BENCH_EXPLAIN) {
    // The plans of each query as queuePage sends it (with its parameters), to see which index serves it.
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { schema } = await import('#src/db/schema.ts');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const seen: { sql: string; params: unknown[] }[] = [];
    const logging = drizzle({ client: pool, schema, logger: { logQuery: (text, params) => void seen.push({ sql: text, params }) } });
    for (const { name, query } of queries) {
      seen.length = 0;
      await queuePage(logging as unknown as typeof db, query);
      for (const { sql: text, params } of seen) {
        const plan = await pool.query(`explain (analyze, buffers) ${text}`, params);
        console.log(`\n${name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    await pool.end();
  }

  for (const { name, query } of queries) {
    for (let i = 0; i < 20; i++) await queuePage(db, query); // warm-up
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const page = await queuePage(db, query);
      times.push(performance.now() - started);
      rows = page.rows.length;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))]! * 10) / 10;
    results.push({ query: name, rows, p50: at(0.5), p95: at(0.95), max: at(1) });
  }
  // The same pages as a member of staff sees them: the built server over HTTP, signed in.
  const { createStaff, setPassword } = await import('#src/auth/index.ts');
  const { startServer } = await import('../test/support/server.ts');
  const created = await createStaff(db, {
    email: 'bench.manager@example.org',
    name: 'Bench Manager',
    organisationSlug: first!.slug,
    organisationId: first!.id,
    role: 'manager',
    now: new Date(),
  });
  await setPassword(db, { token: created.setPasswordToken!, password: 'a long bench passphrase', now: new Date() });
  const server = await startServer({ DATABASE_URL: databaseUrl });
  try {
    const signIn = await fetch(`${server.url}/staff/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'bench.manager@example.org', password: 'a long bench passphrase' }),
      headers: { origin: server.url },
      redirect: 'manual',
    });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('redress_staff='))!
      .split(';')[0]!;
    const pages = [
      { name: 'HTTP: first queue page', path: '/staff' },
      { name: 'HTTP: filtered (investigating, overdue)', path: '/staff?status=investigating&due=overdue' },
    ];
    for (const { name, path } of pages) {
      const get = async () => {
        const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        return response.text();
      };
      for (let i = 0; i < 20; i++) await get();
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const html = await get();
        times.push(performance.now() - started);
        rows = (html.match(/<tr\b/g)?.length ?? 1) - 1;
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))]! * 10) / 10;
      results.push({ query: name, rows, p50: at(0.5), p95: at(0.95), max: at(1) });
    }
  } finally {
    await server.stop();
  }
  await database.close();
  if (process.env.BENCH_KEEP) {
    // Look at the plans: psql the URL, then `kill -USR2 <pid>` to stop the cluster.
    console.log(`keeping ${databaseUrl} (pid ${process.pid}) until SIGUSR2`);
    await new Promise((done) => {
      const alive = setInterval(() => {}, 60_000);
      process.once('SIGUSR2', () => done(clearInterval(alive)));
    });
  }
} finally {
  await cluster.stop();
}

console.log(
  `queue: ${total} cases over ${organisations.length} organisations, ${runs} runs per query, PostgreSQL (throwaway cluster), ${cpus().length} cores, Node ${process.version}`,
);
console.table(results.map((r) => ({ query: r.query, rows: r.rows, 'p50 ms': r.p50, 'p95 ms': r.p95, 'max ms': r.max })));
const goal = results.every((r) => r.p95 <= 50);
console.log(`goal (p95 <= 50 ms for every query): ${goal ? 'met' : 'not met'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/queue.json', JSON.stringify({ date: new Date().toISOString(), cases: total, runs, seedSeconds, results }, null, 2));
