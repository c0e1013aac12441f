import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/** Figures about the outbox, read from the database when metrics are scraped. */
export interface OutboxFigures {
  pending: number;
  sending: number;
  /** Given up after their retries (or refused for good): an operator has to look. */
  failed: number;
  /** Age of the oldest mail waiting (pending or being sent), 0 when none waits. */
  oldestWaitingSeconds: number;
}

export interface ServerMetrics {
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  httpInFlight: Gauge;
  requestsCut: Counter;
  mailDeliveries: Counter<'outcome'>;
  schedulerRuns: Counter<'result'>;
  schedulerDuration: Histogram;
  /** Where the outbox gauges read from: set by the process that holds the database. */
  setOutboxSource(source: (() => Promise<OutboxFigures>) | undefined): void;
}

const key = Symbol.for('redress.metrics');

/**
 * The server's Prometheus metrics, on prom-client's default registry. Created once per
 * process and kept on globalThis, because two copies of this module run in the server
 * (scripts/serve.ts's and the Astro build's) and prom-client refuses a name registered twice.
 *
 * Labels are bounded: `route` is Astro's route pattern (or a fixed name like `static`),
 * never the raw URL; `method` is one of a few verbs; `status` a three-digit code. In a
 * cluster the primary sums counters and histograms over the workers; the outbox gauges
 * describe the one shared database, so they take the largest worker's value, not the sum.
 */
export function serverMetrics(): ServerMetrics {
  const holder = globalThis as { [key]?: ServerMetrics };
  holder[key] ??= createServerMetrics();
  return holder[key];
}

function createServerMetrics(): ServerMetrics {
  collectDefaultMetrics({ prefix: 'redress_' });
  let outboxSource: (() => Promise<OutboxFigures>) | undefined;
  // One database read per scrape feeds all four gauges; the reads of one scrape share it.
  let reading: Promise<OutboxFigures | undefined> | undefined;
  const readOutbox = () => {
    reading ??= (outboxSource ? outboxSource().catch(() => undefined) : Promise.resolve(undefined)).finally(() => {
      setTimeout(() => (reading = undefined), 0).unref();
    });
    return reading;
  };
  const outboxMails = new Gauge({
    name: 'redress_outbox_mails',
    help: 'Mails in the outbox by status: pending (waiting for their time), sending (claimed by a worker), failed (given up)',
    labelNames: ['status'] as const,
    aggregator: 'max',
    async collect() {
      const figures = await readOutbox();
      if (!figures) return;
      this.set({ status: 'pending' }, figures.pending);
      this.set({ status: 'sending' }, figures.sending);
      this.set({ status: 'failed' }, figures.failed);
    },
  });
  const oldest = new Gauge({
    name: 'redress_outbox_oldest_waiting_seconds',
    help: 'Age in seconds of the oldest mail not yet sent (pending or sending); 0 when the outbox is empty',
    aggregator: 'max',
    async collect() {
      const figures = await readOutbox();
      if (figures) this.set(figures.oldestWaitingSeconds);
    },
  });
  void outboxMails;
  void oldest;
  return {
    httpRequests: new Counter({
      name: 'redress_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
    }),
    httpDuration: new Histogram({
      name: 'redress_http_request_duration_seconds',
      help: 'Time from a request to the end of its response, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    httpInFlight: new Gauge({
      name: 'redress_http_requests_in_flight',
      help: 'Requests received whose response has not ended yet',
    }),
    requestsCut: new Counter({
      name: 'redress_http_requests_cut_total',
      help: 'Requests still unanswered when a shutdown ran out of time and closed their connections',
    }),
    mailDeliveries: new Counter({
      name: 'redress_mail_deliveries_total',
      help: 'Delivery attempts by outcome: sent, retry (failed, tried again later), failed (given up after its retries or refused for good)',
      labelNames: ['outcome'] as const,
    }),
    schedulerRuns: new Counter({
      name: 'redress_scheduler_runs_total',
      help: 'Runs of the case scheduler (ADR letters, passed appeal windows) by result',
      labelNames: ['result'] as const,
    }),
    schedulerDuration: new Histogram({
      name: 'redress_scheduler_run_duration_seconds',
      help: 'How long one run of the case scheduler took',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    }),
    setOutboxSource(source) {
      outboxSource = source;
    },
  };
}

/** The metrics of this process in Prometheus' text format, with its content type. */
export async function processMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}

/** The methods kept as a label value; anything else counts as `other`. */
export function methodLabel(method: string | undefined): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
    case 'OPTIONS':
      return method;
    default:
      return 'other';
  }
}
