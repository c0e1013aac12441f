import pino, { type Logger } from 'pino';
import { currentRequest } from './request-context.ts';

export type { Logger } from 'pino';

const key = Symbol.for('redress.logger');

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof levels)[number];

/**
 * An error as a log may show it: its name, code and message with email addresses masked,
 * and the stack's frames without the message repeated. Database errors quote values
 * ("Key (email)=(...)"), so nothing of an error reaches the log unmasked.
 */
export function errorFields(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: maskAddresses(String(error)).slice(0, 300) };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12);
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: maskAddresses(error.message).slice(0, 300),
    ...(frames?.length ? { stack: frames.map((line) => line.trim()).join('\n') } : {}),
  };
}

function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'`,;:()[\]]+@[^\s<>"'`,;:()[\]]+/g, '[address]');
}

/**
 * The process's logger: JSON lines on standard output, one object per event, with the
 * request id of the request being handled (if any) added to every line. Personal data
 * never goes in: callers log ids, route patterns, counts and errorFields(), never bodies,
 * query strings, addresses or client IPs.
 *
 * Shared on globalThis by the copy of this module in scripts/serve.ts and the one bundled
 * into the Astro build, so that both write through one configured logger. Writes are
 * synchronous: the lines written just before a shutdown's process.exit() must not be lost,
 * and one line per request costs little.
 */
export function logger(): Logger {
  const holder = globalThis as { [key]?: Logger };
  holder[key] ??= createLogger();
  return holder[key];
}

/** A logger writing to `destination` (standard output by default) at LOG_LEVEL (default info). */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const wanted = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const level = (levels as readonly string[]).includes(wanted) ? wanted : 'info';
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorFields },
      mixin() {
        const request = currentRequest();
        return request ? { reqId: request.id } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Adapts the logger to the `{ info, warn, error }(message)` shape of the outbox worker and scheduler. */
export function componentLog(component: string): { info(message: string): void; warn(message: string): void; error(message: string): void } {
  const log = logger().child({ component });
  return {
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
