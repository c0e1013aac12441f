import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { Db } from '../../src/db/index.ts';
import { enqueueMail } from '../../src/mail/index.ts';
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

/** A valid complaint to the organisation with the most questions, with a PDF: a real slow route. */
export function complaintPoster(serverUrl: string) {
  const form = organisationForms().sort((a, b) => b.definition.fields.length - a.definition.fields.length)[0]!;
  const lang = form.languages[0]!;
  const fields = formFields(form, lang);
  const fileField = fields.find((f) => f.type === 'file' && !f.required && !f.showIf);
  const url = `${serverUrl}/${lang}/${form.slug}/complain?about=complaint`;
  return async (): Promise<{ status: number; location: string | null; complete: boolean } | { error: string }> => {
    const { body } = validAnswers(fields);
    body.set('_key', randomBytes(16).toString('hex'));
    body.set('_draft', randomBytes(16).toString('hex'));
    if (fileField) body.append(fileField.key, new File([pdfBytes()], 'receipt.pdf', { type: 'application/pdf' }));
    try {
      const response = await fetch(url, { method: 'POST', body, headers: { origin: serverUrl }, redirect: 'manual' });
      await response.arrayBuffer();
      return { status: response.status, location: response.headers.get('location'), complete: true };
    } catch (error) {
      return { error: String((error as Error & { cause?: { code?: string } }).cause?.code ?? error) };
    }
  };
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
