/** The case store: schema, connection (PGlite or PostgreSQL) and rate-limit counters. */
export * from './schema.ts';
export {
  connect,
  DatabaseLockedError,
  isDatabaseUnavailable,
  type ConnectOptions,
  type Database,
  type Db,
  type Engine,
  type Schema,
  type Tx,
} from './connect.ts';
export { hitRateLimit, pruneRateLimits, type RateLimitHit, type RateLimitResult } from './rate-limit.ts';
