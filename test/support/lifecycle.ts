import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import type { Db } from '#src/db/index.ts';
import { enqueueMail } from '#src/mail/index.ts';
import { formFields, organisationForms, pdfBytes, validAnswers } from './complaint-forms.ts';

/** The JSON lines a server wrote (its logs), skipping anything that is not JSON. */
export function logLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Whether a new TCP connection to the server is accepted or refused. */
export function tryConnect(url: string): Promise<'accepted' | 'refused'> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connectTcp({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      done('accepted');
    });
    socket.once('error', () => done('refused'));
  });
}

export async function until(check: () => boolean | Promise<boolean>, ms: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a complaint submission got back: a complete answer, or the socket error instead. */
export type SubmissionResult = { status: number; location: string | undefined } | { error: string };

/**
 * Complaint submissions to the organisation with the most questions, each with a PDF (a
 * real slow route), each on a connection of its own. `written` resolves once every request
 * has been written out in full: from then on all of them are at the server, whatever it
 * has read yet, so a signal sent then finds them in progress (fetch gives no such moment:
 * it opens connections one after another and reuses any that comes free).
 */
export async function submitComplaints(serverUrl: string, count: number): Promise<{ written: Promise<void>; answers: Promise<SubmissionResult[]> }> {
  const form = organisationForms().sort((a, b) => b.definition.fields.length - a.definition.fields.length)[0]!;
  const lang = form.languages[0]!;
  const fields = formFields(form, lang);
  const fileField = fields.find((f) => f.type === 'file' && !f.required && !f.showIf);
  const url = `${serverUrl}/${lang}/${form.slug}/complain?about=complaint`;
  // Every body is encoded before the first request goes, so that they leave together.
  const bodies = await Promise.all(
    Array.from({ length: count }, async () => {
      const { body } = validAnswers(fields);
      body.set('_key', randomBytes(16).toString('hex'));
      body.set('_draft', randomBytes(16).toString('hex'));
      if (fileField) body.append(fileField.key, new File([pdfBytes()], 'receipt.pdf', { type: 'application/pdf' }));
      const encoded = new Response(body);
      return { bytes: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! };
    }),
  );
  const sent: Promise<void>[] = [];
  const answers = bodies.map(
    ({ bytes, type }) =>
      new Promise<SubmissionResult>((done) => {
        const request = httpRequest(url, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': type, 'content-length': bytes.length, origin: serverUrl },
        });
        sent.push(new Promise((written) => request.once('finish', () => written())));
        request.once('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? String(error) }));
        request.once('response', (response) => {
          response.resume();
          response.once('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? String(error) }));
          response.once('end', () =>
            response.complete ? done({ status: response.statusCode!, location: response.headers.location }) : done({ error: 'incomplete' }),
          );
        });
        request.end(bytes);
      }),
  );
  return { written: Promise.all(sent).then(() => undefined), answers: Promise.all(answers) };
}

/** Queues a sign-in-link mail (it needs no case), as a request would. */
export async function queueMail(db: Db, to: string, n = 1): Promise<number> {
  const { id } = await db.transaction((tx) =>
    enqueueMail(tx as unknown as Db, {
      template: 'magicLink',
      language: 'en',
      to,
      payload: { reference: 'OPX-2026-ABCD-EFGH', link: `http://localhost:4321/en/track/link/${n}`, expiresInMinutes: 30 },
    }),
  );
  return id;
}
