import pg from 'pg';

/** One PostgreSQL LISTEN/NOTIFY channel, shared by every process on the database. */
export interface NotifyChannel {
  /** Sends a message to every listener on the channel, this process's included. */
  publish(payload: string): Promise<void>;
  /** Resolves once the channel is listening (again); rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops listening and ends the connection. */
  close(): Promise<void>;
}

export interface NotifyChannelOptions {
  /** The postgres:// URL of the case store. */
  url: string;
  /** The channel's name: lower-case letters, digits and underscores. */
  channel: string;
  onMessage(payload: string): void;
  /**
   * Called each time the channel starts listening: `reconnected` is false the first time.
   * After a reconnect, messages sent while the connection was down are lost for good
   * (PostgreSQL keeps none for absent listeners), so the caller must assume it missed some.
   */
  onListening?(reconnected: boolean): void;
  log?: (message: string) => void;
  /** How often an idle connection is checked with a query (default 15 s): a silent network failure is noticed by it. */
  checkEveryMs?: number;
}

const MAX_RETRY_MS = 5_000;

/**
 * Listens on a channel through one dedicated connection (LISTEN needs a session of its own,
 * never a pooled one), and reconnects with backoff whenever that connection fails, ends, or
 * stops answering the periodic check. Messages from `publish` go through the same connection
 * when it is up, else through a one-off connection, so that a sender need not wait for its
 * own listener to recover.
 */
export function listenChannel(options: NotifyChannelOptions): NotifyChannel {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  const log = options.log ?? ((message: string) => console.warn(message));
  const checkEveryMs = options.checkEveryMs ?? 15_000;
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let everListened = false;
  let retryMs = 100;
  let retryTimer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let waiters: { done: () => void }[] = [];

  const settle = () => {
    for (const waiter of waiters) waiter.done();
    waiters = [];
  };

  const dropClient = (current: pg.Client, reason: string) => {
    if (client !== current) return;
    client = null;
    listening = false;
    clearInterval(checkTimer);
    current.removeAllListeners('notification');
    current.end().catch(() => {});
    if (closed) return;
    log(`notify channel ${options.channel}: connection lost (${reason}); reconnecting in ${retryMs} ms`);
    retryTimer = setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  async function open() {
    if (closed) return;
    const current = new pg.Client({ connectionString: options.url, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: 'redress-listen' });
    client = current;
    // Without these handlers a dropped connection would end the process.
    current.on('error', (error) => dropClient(current, error.message));
    current.on('end', () => dropClient(current, 'ended'));
    current.on('notification', (message) => {
      if (message.channel === options.channel && message.payload !== undefined) options.onMessage(message.payload);
    });
    try {
      await current.connect();
      await current.query(`listen ${options.channel}`);
    } catch (error) {
      dropClient(current, (error as Error).message);
      return;
    }
    if (client !== current) return;
    listening = true;
    retryMs = 100;
    const reconnected = everListened;
    everListened = true;
    checkTimer = setInterval(() => {
      current.query('select 1').catch((error: Error) => dropClient(current, error.message));
    }, checkEveryMs);
    checkTimer.unref();
    options.onListening?.(reconnected);
    settle();
  }

  void open();

  return {
    async publish(payload) {
      if (listening && client) {
        await client.query('select pg_notify($1, $2)', [options.channel, payload]);
        return;
      }
      const once = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000, application_name: 'redress-notify' });
      once.on('error', () => {});
      await once.connect();
      try {
        await once.query('select pg_notify($1, $2)', [options.channel, payload]);
      } finally {
        await once.end().catch(() => {});
      }
    },
    ready(timeoutMs = 5_000) {
      if (listening) return Promise.resolve();
      return new Promise((done, fail) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          fail(new Error(`notify channel ${options.channel}: not listening after ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          done: () => {
            clearTimeout(timer);
            done();
          },
        };
        waiters.push(waiter);
      });
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      const current = client;
      client = null;
      listening = false;
      await current?.end().catch(() => {});
    },
  };
}
