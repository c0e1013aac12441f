import { env } from '../../src/env.ts';

/**
 * Whether cookies get `Secure`: when this request came over https (directly, or through a
 * trusted proxy that says so: src/http/forwarded.ts) or the site's public origin is https.
 * Behind a TLS-terminating proxy the second still holds if TRUSTED_PROXIES is not set yet.
 */
export const secureCookie = (url: URL): boolean => url.protocol === 'https:' || env().PUBLIC_BASE_URL.startsWith('https:');
