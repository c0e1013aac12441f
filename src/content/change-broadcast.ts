import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { listenChannel } from '../db/notify-channel.ts';
import type { ContentChange } from './content-dependencies.ts';
import type { ContentService } from './content-service.ts';

/** The PostgreSQL channel content changes travel on (docs/decisions/006-content-invalidation-broadcast.md). */
export const CONTENT_CHANNEL = 'redress_content';

// NOTIFY payloads must stay under 8000 bytes; a change bigger than this is sent as "everything".
const MAX_PAYLOAD = 7_000;

const message = z.object({
  origin: z.string().max(100),
  change: z
    .object({
      documentIds: z.array(z.string().max(200)).max(50),
      types: z.array(z.string().max(100)).max(20),
      slugs: z.array(z.string().max(200)).max(50),
    })
    .optional(),
});

export interface ChangeBroadcast {
  /**
   * Tells every other process on the database about a change this process has already applied
   * (undefined: everything may have changed). Resolves once PostgreSQL has taken the message;
   * rejects when it cannot be sent, so the webhook can answer an error and Sanity retries.
   */
  announce(change?: ContentChange): Promise<void>;
  close(): Promise<void>;
}

/**
 * Makes a content change that one process learns of (a Sanity webhook reaches only one
 * process of one server) apply to the content and page caches of every process on the same
 * PostgreSQL: it is sent with NOTIFY and each process's listener invalidates exactly what the
 * change touches, as the receiving process did. A process whose listener reconnects may have
 * missed messages, so it drops everything it holds. The sender ignores its own messages.
 */
export function startChangeBroadcast(
  service: Pick<ContentService, 'invalidate'>,
  options: { databaseUrl: string; log?: (message: string) => void; channel?: string },
): ChangeBroadcast {
  const origin = randomUUID();
  const log = options.log ?? ((text: string) => console.warn(text));
  const channel = listenChannel({
    url: options.databaseUrl,
    channel: options.channel ?? CONTENT_CHANNEL,
    log,
    onMessage(payload) {
      let parsed;
      try {
        parsed = message.safeParse(JSON.parse(payload));
      } catch {
        parsed = undefined;
      }
      // A message of an unknown shape (another release during a rolling deploy) drops everything: always safe.
      if (!parsed?.success) return void service.invalidate();
      if (parsed.data.origin === origin) return;
      service.invalidate(parsed.data.change);
    },
    onListening(reconnected) {
      if (reconnected) log('content: change broadcast listening again; dropping every cached answer, as changes may have been missed');
      // Also on the first start: a change may have been sent between this process's first
      // fetch and its listener being ready.
      service.invalidate();
    },
  });
  return {
    async announce(change) {
      let payload = JSON.stringify({ origin, ...(change ? { change } : {}) });
      if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ origin });
      await channel.publish(payload);
    },
    close: () => channel.close(),
  };
}
