import { contentService } from '#src/content/index.ts';
import { startChangeBroadcast, type ChangeBroadcast } from '#src/content/change-broadcast.ts';
import { env } from '#src/env.ts';

let broadcast: ChangeBroadcast | null | undefined;

/**
 * This process's share of the content-change broadcast (docs/decisions/006-content-invalidation-broadcast.md): with
 * PostgreSQL, started once per process and listening for the changes other processes
 * receive; with the embedded database there is one process and nothing to tell, so null.
 */
export function contentBroadcast(): ChangeBroadcast | null {
  if (broadcast !== undefined) return broadcast;
  const databaseUrl = env().DATABASE_URL;
  broadcast = databaseUrl ? startChangeBroadcast(contentService(), { databaseUrl }) : null;
  return broadcast;
}
