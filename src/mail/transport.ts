import { join, resolve } from 'node:path';
import type { Env } from '../env.ts';
import { createLocalMailbox } from './local-mailbox.ts';
import { createResendTransport } from './resend-transport.ts';

/** One message, ready to go. */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /**
   * The same key for every attempt at one message: a provider that supports it (Resend)
   * sends it once even when an earlier attempt went through but its answer was lost.
   */
  idempotencyKey?: string;
}

export type SendResult =
  | { ok: true; id: string }
  /** `error` carries no personal data; `retryAfterMs` is the provider's Retry-After, if any. */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/** Where mail goes: Resend, or the local mailbox. `send` never throws for a failed delivery. */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<SendResult>;
}

/**
 * The transport the environment asks for: Resend when RESEND_API_KEY (and MAIL_FROM) are
 * set, else the local mailbox under DATA_DIR/mail.
 */
export function createTransport(env: Pick<Env, 'DATA_DIR'> & Partial<Pick<Env, 'RESEND_API_KEY' | 'MAIL_FROM' | 'RESEND_BASE_URL'>>): MailTransport {
  if (env.RESEND_API_KEY) {
    if (!env.MAIL_FROM) throw new Error('RESEND_API_KEY is set but MAIL_FROM is not: set MAIL_FROM to the sender, like Redress <complaints@example.org>.');
    return createResendTransport({ apiKey: env.RESEND_API_KEY, from: env.MAIL_FROM, baseUrl: env.RESEND_BASE_URL });
  }
  return createLocalMailbox({ dir: mailboxDir(env.DATA_DIR), from: env.MAIL_FROM });
}

/** The local mailbox folder: DATA_DIR/mail. */
export function mailboxDir(dataDir: string): string {
  return resolve(join(dataDir, 'mail'));
}
