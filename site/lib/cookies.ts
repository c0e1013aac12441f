import { secureCookie as secureFor } from '#src/auth/session.ts';
import { env } from '#src/env.ts';

/**
 * Whether cookies get `Secure` for this request (src/auth/session.ts): on https, directly or
 * through a trusted proxy, or when the site's public origin is https.
 */
export const secureCookie = (url: URL): boolean => secureFor(url, env().PUBLIC_BASE_URL);
