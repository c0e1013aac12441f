import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface GracefulServer {
  /** Requests received whose response has not ended. */
  readonly active: number;
  /**
   * Stops the server: new connections are refused at once, requests in progress run to the
   * end of their response and their connections close after it, idle connections close
   * after a moment (see IDLE_GRACE_MS). Whatever still runs after `timeoutMs` is cut. Resolves when
   * every connection is closed, with the number of requests that were cut.
   */
  close(timeoutMs: number, events?: { listenerClosed?: () => void }): Promise<{ cut: number }>;
}

interface Connection {
  /** Requests seen on the connection. */
  requests: number;
  /** Requests on it whose response has not ended. */
  active: number;
}

// How long a connection with no request in progress stays open after the stop: a client
// may have just sent a request on it (a kept-alive connection it reuses, or one it has just
// opened) that this process has not read yet. That request is answered, with
// `connection: close`; then the connection closes.
const IDLE_GRACE_MS = 1_000;
// The longest the listening socket stays open after the stop to accept connections already
// made (see close()).
const ACCEPT_DRAIN_MS = 500;

/**
 * Tracks a server's connections and requests so that it can stop without cutting anyone.
 *
 * Not http.Server#close(): since Node 19 it also closes at once every connection with no
 * request in progress, and a client that has just written its next request on a
 * kept-alive connection, or whose request waits unread in a fresh one, gets ECONNRESET for
 * a request the server never saw (4 to 8 of 17 complaint submissions in
 * bench/lifecycle.ts, as undici reuses connections as soon as they are free). Here such
 * connections get a moment (IDLE_GRACE_MS) to bring their request, which is answered with
 * `connection: close`; connections with a request in progress close after its response.
 */
export function gracefulServer(server: Server): GracefulServer {
  const connections = new Map<Socket, Connection>();
  const responses = new Set<ServerResponse>();
  let stopping = false;
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    connections.set(socket, { requests: 0, active: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (connection) {
      connection.requests++;
      connection.active++;
    }
    responses.add(res);
    if (stopping && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      responses.delete(res);
      if (!connection) return;
      connection.active--;
      // A response that began before the stop was sent keep-alive: close after it.
      if (stopping && connection.active === 0) req.socket.end();
    });
  });
  return {
    get active() {
      return responses.size;
    },
    close(timeoutMs, events = {}) {
      stopping = true;
      return new Promise((resolve) => {
        // Connections the kernel has completed but this process has not accepted yet would
        // be reset when the listening socket closes, though their clients have sent their
        // requests. Node accepts about one per turn of the event loop, so the socket stays
        // open, turn after turn, until a turn accepts nothing (or ACCEPT_DRAIN_MS passes).
        const until = Date.now() + ACCEPT_DRAIN_MS;
        let seen = -1; // the first check always waits one more turn
        const turn = () => {
          if (accepted === seen || Date.now() > until) return stop(resolve);
          seen = accepted;
          setImmediate(turn);
        };
        setImmediate(turn);
      });
      function stop(done: (result: { cut: number }) => void) {
        let cut = 0;
        const grace = setTimeout(
          () => {
            // In the check phase, after the poll phase of this turn has read whatever requests
            // had arrived: a connection that got one is no longer idle.
            setImmediate(() => {
              for (const [socket, connection] of connections) if (connection.active === 0) socket.end();
            });
          },
          Math.min(IDLE_GRACE_MS, timeoutMs),
        );
        const deadline = setTimeout(() => {
          cut = responses.size;
          server.closeAllConnections();
          for (const socket of connections.keys()) socket.destroy();
        }, timeoutMs);
        // The listening socket closes now; the callback waits for every connection to end.
        NetServer.prototype.close.call(server, () => {
          clearTimeout(grace);
          clearTimeout(deadline);
          done({ cut });
        });
        events.listenerClosed?.();
        for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
      }
    },
  };
}
