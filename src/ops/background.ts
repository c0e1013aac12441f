import { pruneRateLimits, type Db } from '../db/index.ts';
import { outboxStats } from '../mail/outbox.ts';
import { startOutboxWorker } from '../mail/worker.ts';
import type { MailTransport } from '../mail/transport.ts';
import { startCaseScheduler } from '../cases/adr-scheduler.ts';
import type { CaseActionPolicy } from '../cases/actions/types.ts';
import { componentLog } from './logger.ts';
import { serverMetrics } from './metrics.ts';

export interface BackgroundOptions {
  db: Db;
  transport: MailTransport;
  /** The organisation's case rules, from content (null when unknown). */
  policyFor: (organisationId: string) => Promise<CaseActionPolicy | null>;
  publicBaseUrl: string;
}

export interface BackgroundWork {
  /** Stops every loop and waits for the work in progress (see ServerRuntime.stop). */
  stop(): Promise<void>;
}

/**
 * What a server process does besides answering requests: the outbox worker, the case
 * scheduler (ADR letters, passed appeal windows) and the pruning of old rate-limit
 * windows, each reporting to the logs and the metrics.
 */
export function startBackgroundWork({ db, transport, policyFor, publicBaseUrl }: BackgroundOptions): BackgroundWork {
  const metrics = serverMetrics();
  const worker = startOutboxWorker({
    db,
    transport,
    log: componentLog('outbox'),
    onOutcome: (outcome) => metrics.mailDeliveries.inc({ outcome }),
  });
  const scheduler = startCaseScheduler({
    db,
    policyFor,
    publicBaseUrl,
    log: componentLog('scheduler'),
    onRun: (result, seconds) => {
      metrics.schedulerRuns.inc({ result });
      metrics.schedulerDuration.observe(seconds);
    },
  });
  metrics.setOutboxSource(() => outboxStats(db));
  // Old rate-limit windows are useless: drop them now and then.
  const pruning = setInterval(() => {
    pruneRateLimits(db, new Date(Date.now() - 86_400_000)).catch(() => {});
  }, 600_000);
  pruning.unref();
  return {
    async stop() {
      clearInterval(pruning);
      metrics.setOutboxSource(undefined);
      await Promise.all([worker.stop(), scheduler.stop()]);
    },
  };
}
