import { z } from 'zod';
import { parseProxyEntry } from './http/forwarded.ts';

/**
 * The environment, validated once at start-up. Each variable says what it is for; a wrong
 * value stops the server with a message naming the variable and what to set it to.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const envSchema = z
  .object({
    CONTENT_DIR: z.string().default('./content').describe('folder of *.ndjson content used when SANITY_PROJECT_ID is not set'),
    CONTENT_WATCH: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .describe('reload local content when a file in CONTENT_DIR changes: true or false'),
    CONTENT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(60)
      .describe('seconds Sanity content is cached in memory before it is fetched again (0 to 86400)'),
    SANITY_PROJECT_ID: optionalString
      .pipe(
        z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .optional(),
      )
      .describe('your Sanity project ID (lowercase letters, digits, dashes); leave unset to use local content'),
    SANITY_DATASET: z
      .string()
      .regex(/^[a-z0-9_-]+$/)
      .default('production')
      .describe('the Sanity dataset name'),
    SANITY_API_VERSION: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .default('2026-09-01')
      .describe('the Sanity API version, a date like 2026-09-01'),
    SANITY_READ_TOKEN: optionalString.describe('a Sanity read token, only for private datasets'),
    SANITY_WEBHOOK_SECRET: optionalString.describe('the secret of the Sanity webhook that clears the content cache'),
    SANITY_PREVIEW_SECRET: optionalString
      .pipe(z.string().min(16, 'Use at least 16 characters').optional())
      .describe('a long random secret editors use to open draft preview (/api/preview?secret=...); leave unset to turn preview off'),
    SANITY_API_HOST: optionalString
      .pipe(z.url({ protocol: /^https?$/ }).optional())
      .describe('the origin of a Sanity-compatible query API like http://127.0.0.1:9999, for tests or a self-hosted proxy; leave unset to use Sanity itself'),
    PAGE_CACHE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .describe('keep rendered public pages in memory until what they show may change: true or false'),
    SUBMIT_RATE_LIMIT: z.coerce.number().int().min(1).default(20).describe('how many forms one client may post in 10 minutes (a whole number, at least 1)'),
    WEB_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe('how many server processes to run on one port with PostgreSQL (1 to 64; PGlite always runs one)'),
    DATABASE_POOL_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe(
        "most connections each server process opens to PostgreSQL (1 to 100); servers x WEB_CONCURRENCY x this, plus the listener's one per process, must stay under PostgreSQL's max_connections",
      ),
    DATA_DIR: z.string().default('./data').describe('folder for the embedded case database (uploaded files included) and the local mailbox'),
    DATABASE_URL: optionalString
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\/\S+$/, 'Expected a postgres:// URL')
          .optional(),
      )
      .describe(
        'a PostgreSQL connection URL like postgres://user:password@host:5432/redress; leave unset to keep cases in the embedded database under DATA_DIR',
      ),
    RESEND_API_KEY: optionalString.describe(
      'your Resend API key (re_...) to send mail through Resend; leave unset to write mail to the local mailbox under DATA_DIR/mail',
    ),
    MAIL_FROM: optionalString
      .pipe(
        z
          .string()
          .regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, 'Expected an address like Redress <complaints@example.org>')
          .optional(),
      )
      .describe('the sender of every mail, like Redress <complaints@example.org>, on a domain verified in Resend'),
    RESEND_BASE_URL: optionalString
      .pipe(z.url({ protocol: /^https?$/ }).optional())
      .describe('the Resend API origin like https://api.resend.com; leave unset unless you use a proxy or a test server'),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://localhost:4321')
      .transform((v) => v.replace(/\/+$/, ''))
      .describe('the public origin of the site, used in links in mail, like https://complaints.example.org'),
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .refine((e) => parseProxyEntry(e) !== null, { error: (issue) => `"${String(issue.input)}" is not an address, a CIDR block, loopback or private` }),
        ),
      )
      .describe(
        'the reverse proxies in front of the site, comma-separated addresses or CIDR blocks like 127.0.0.1,::1,10.0.0.0/8 (or loopback, private); only their X-Forwarded-For and X-Forwarded-Proto are believed. Leave unset when clients connect directly',
      ),
    MAX_BODY_MB: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(110)
      .describe(
        'the largest request body in megabytes (1 to 1024): at least the largest form, i.e. its most attachments times the largest file in MB, plus 10 for the text (default 110: 20 files of 5 MB, or 10 of 10)',
      ),
    SITE_SECRET: optionalString
      .pipe(z.string().min(32, 'Use at least 32 random characters').optional())
      .describe(
        'a long random secret (32+ characters, e.g. openssl rand -base64 32) that keys the hashes of client addresses and signs confirmation cookies; the same on every server. Unset: one is made in DATA_DIR/site-secret',
      ),
    OPERATOR_NAME: optionalString.describe(
      'who runs this portal, as the accessibility statement names them (e.g. Example Ombudsman Services); leave unset to say "the team that runs this portal"',
    ),
    ACCESSIBILITY_CONTACT_EMAIL: optionalString
      .pipe(z.email('Expected an email address like accessibility@example.org').optional())
      .describe(
        'where people report accessibility problems with the portal, shown in the accessibility statement; leave unset to send them to the organisation concerned',
      ),
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(600)
      .default(10)
      .describe(
        "seconds a stopping server (SIGTERM, SIGINT) waits for requests in progress before it closes their connections (0 to 600); keep it below the platform's grace period, e.g. Kubernetes terminationGracePeriodSeconds",
      ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('the least important log lines written: fatal, error, warn, info (one line per request), debug, trace or silent'),
    METRICS_PORT: optionalString
      .pipe(z.coerce.number<string | undefined>().int().min(1).max(65_535).optional())
      .describe('a port for Prometheus metrics at /metrics (a number like 9464), separate from the site; leave unset to serve no metrics'),
    METRICS_HOST: z
      .string()
      .trim()
      .min(1)
      .default('127.0.0.1')
      .describe(
        'the interface the metrics port listens on: 127.0.0.1 (only this machine, the default), or an address a scraper reaches together with METRICS_TOKEN',
      ),
    METRICS_TOKEN: optionalString
      .pipe(z.string().min(16, 'Use at least 16 characters').optional())
      .describe(
        'a long random secret that scrapers send as "Authorization: Bearer <token>" to read /metrics; required when METRICS_HOST is not a loopback address',
      ),
  })
  .superRefine((value, context) => {
    // Metrics name routes and volumes: on an interface others reach, only with a token.
    if (value.METRICS_PORT && !isLoopback(value.METRICS_HOST) && !value.METRICS_TOKEN) {
      context.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'Required when METRICS_HOST is not a loopback address' });
    }
    // Resend refuses mail without a sender: say so at start-up, not at the first complaint.
    if (value.RESEND_API_KEY && !value.MAIL_FROM) {
      context.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'Required when RESEND_API_KEY is set' });
    }
    // Drafts are private in Sanity: preview without a token would quietly show published content.
    if (value.SANITY_PREVIEW_SECRET && value.SANITY_PROJECT_ID && !value.SANITY_READ_TOKEN) {
      context.addIssue({ code: 'custom', path: ['SANITY_READ_TOKEN'], message: 'Required for preview when SANITY_PREVIEW_SECRET is set' });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Whether a listen address reaches only this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Turns zod issues into one line per variable: what is wrong and what to set it to. */
export function describeEnvIssues(error: z.ZodError): string {
  const shape = envSchema.shape as Record<string, z.ZodType>;
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const hint = shape[name]?.description;
      return `- ${name}: ${issue.message}${hint ? `. Set it to ${hint}.` : ''}`;
    })
    .join('\n');
}

/** Parses an environment; returns the problems as text rather than throwing. */
export function parseEnv(source: Record<string, string | undefined>): { ok: true; env: Env } | { ok: false; message: string } {
  const result = envSchema.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, message: `Redress cannot start: the environment is not valid.\n${describeEnvIssues(result.error)}` };
}

let cached: Env | undefined;

/** The process environment, validated once; exits with a clear message when it is wrong. */
export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(1);
  }
  cached = parsed.env;
  return cached;
}
