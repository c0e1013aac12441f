import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from: string; to: string[] | string; subject: string; html: string; text: string; headers?: Record<string, string> };
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface FakeResend {
  url: string;
  /** Every POST /emails, in order, including the ones answered with an error. */
  requests: ReceivedEmail[];
  /** What to answer next; when the script runs out, 200 with a new id. */
  script: Answer[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let data = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (data += chunk));
    request.on('end', () => done(data));
    request.on('error', fail);
  });
}

/** A stand-in for the Resend API on a loopback port: POST /emails answers from a script. */
export async function startFakeResend(): Promise<FakeResend> {
  const requests: ReceivedEmail[] = [];
  const script: Answer[] = [];
  let next = 0;
  const server: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/emails') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, name: 'not_found', message: 'Not found' }));
      return;
    }
    requests.push({
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      authorization: request.headers.authorization,
      body: JSON.parse(raw),
    });
    const answer = script.shift() ?? { status: 200, body: { id: `email-${++next}` } };
    if (answer.delayMs) await new Promise((done) => setTimeout(done, answer.delayMs));
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
