import { Resend } from 'resend';
import type { MailMessage, MailTransport, SendResult } from './transport.ts';
import { redactError } from './outbox.ts';

export interface ResendOptions {
  apiKey: string;
  /** The sender, like `Redress <complaints@example.org>`, on a domain verified in Resend. */
  from: string;
  /** The API origin; default RESEND_BASE_URL, else https://api.resend.com. */
  baseUrl?: string;
  /** Give up on one request after this long (default 30 s); it is retried later. */
  timeoutMs?: number;
}

/**
 * Resend's error names worth retrying: the provider is busy or down, or our own set-up is
 * wrong (key, sender) and an operator will fix it: the mail must wait, not be given up.
 */
const retryableNames = new Set([
  'rate_limit_exceeded',
  'daily_quota_exceeded',
  'monthly_quota_exceeded',
  'concurrent_idempotent_requests',
  'application_error',
  'internal_server_error',
  'missing_api_key',
  'invalid_api_key',
  'restricted_api_key',
  'invalid_from_address',
]);

/** Retry on no answer, 429, 5xx, 409 (idempotent request in flight), 401/403 (set-up); other 4xx are final. */
function isRetryable(status: number | null, name: string, answered: boolean): boolean {
  if (retryableNames.has(name)) return true;
  if (status === null) return !answered;
  return status === 429 || status === 409 || status === 401 || status === 403 || status >= 500;
}

function retryAfterMs(headers: Record<string, string> | null): number | undefined {
  const value = headers?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Sends through the Resend API with its SDK. Network failures, 429, 5xx, 409 (an idempotent
 * request still in flight) and set-up errors (401/403, a sender Resend refuses) are
 * retryable; other 4xx answers (a rejected recipient, an invalid message) are permanent. Each message carries its idempotency key, so a retry after a lost
 * answer does not send it twice.
 */
export function createResendTransport({ apiKey, from, baseUrl, timeoutMs = 30_000 }: ResendOptions): MailTransport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: 'resend',
    async send(message: MailMessage): Promise<SendResult> {
      let response: Awaited<ReturnType<typeof resend.emails.send>>;
      try {
        response = await resend.emails.send(
          { from, to: message.to, subject: message.subject, html: message.html, text: message.text, headers: message.headers },
          { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) } as Parameters<typeof resend.emails.send>[1],
        );
      } catch (error) {
        return { ok: false, retryable: true, error: `resend request failed: ${(error as Error).name}` };
      }
      if (response.error === null) {
        if (!response.data?.id) return { ok: false, retryable: true, error: 'resend answered without a message id' };
        return { ok: true, id: response.data.id };
      }
      const { statusCode, name, message: text } = response.error as { statusCode?: number | null; name?: string; message?: string };
      // The SDK passes the API's JSON error body through; statusCode is missing when the
      // request never got an answer (network, timeout).
      const status = typeof statusCode === 'number' ? statusCode : null;
      const retryable = isRetryable(status, name ?? '', response.headers !== null);
      return {
        ok: false,
        retryable,
        error: redactError(`resend ${status ?? 'no answer'} ${name ?? 'error'}: ${text ?? ''}`),
        retryAfterMs: retryAfterMs(response.headers),
      };
    },
  };
}
