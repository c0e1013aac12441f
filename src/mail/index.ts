/** Mail: the outbox (queued in the caller's transaction), its worker, transports and templates. */
export {
  claimDueMail,
  enqueueMail,
  markFailed,
  markSent,
  redactError,
  outboxStats,
  releaseClaims,
  renewClaims,
  retryDelayMs,
  retryPolicy,
  type ClaimOptions,
  type FailureOptions,
  type FailureOutcome,
  type OutboxMail,
  type OutboxRow,
  type OutboxStats,
} from './outbox.ts';
export { createTransport, mailboxDir, type MailMessage, type MailTransport, type SendResult } from './transport.ts';
export { createResendTransport, type ResendOptions } from './resend-transport.ts';
export { createLocalMailbox, listMailbox, type LocalMailboxOptions, type MailboxEntry } from './local-mailbox.ts';
export { countFailedMail } from './failed-mail.ts';
export { startOutboxWorker, type MailLog, type OutboxWorker, type OutboxWorkerOptions } from './worker.ts';
export {
  MailPayloadError,
  renderMail,
  templates,
  validatePayload,
  type AcknowledgementPayload,
  type PayloadOf,
  type RenderedMail,
  type TemplateName,
} from './templates/index.ts';
