import { randomBytes } from 'node:crypto';

/** A fresh random token for a form: its idempotency key, its upload draft. */
export const newFormToken = () => randomBytes(16).toString('hex');

/** Form tokens are 32 hex characters; anything else from a client is ignored. */
export const isFormToken = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);
