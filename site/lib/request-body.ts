import { env } from '#src/env.ts';
import { readFormCapped, type BodyProblem } from '#src/http/body.ts';

const KB = 1024;

/**
 * How much of a form post each page may read. Sign-in and the status page's way in take an
 * email, a reference and a code: a few KB is plenty, and a guesser gains nothing by
 * sending more. Back-office forms carry text only. Public forms and the status page (which
 * take attachments) get MAX_BODY_MB, the cap of the largest form (docs/deploy.md).
 */
export function formLimitFor(pathname: string): number {
  if (pathname === '/staff/sign-in' || pathname === '/staff/sign-out' || pathname.startsWith('/staff/set-password/')) return 8 * KB;
  if (/^\/[a-z]{2}\/track\/?$/.test(pathname)) return 8 * KB;
  if (pathname === '/staff' || pathname.startsWith('/staff/')) return 512 * KB;
  return env().MAX_BODY_MB * 1024 * KB;
}

/**
 * Every form post to a page is read here once, bounded and parsed, before the page runs:
 * the page gets `locals.form` and never a body it has to distrust the shape of. Endpoints
 * under /api read their own bodies (the webhook is JSON).
 */
export async function readPostedForm(request: Request, pathname: string): Promise<{ ok: true; form: FormData } | BodyProblem> {
  return readFormCapped(request, formLimitFor(pathname));
}

/** The posted form of this request (read by the middleware); empty when there is none. */
export const postedForm = (context: { locals: App.Locals }): FormData => context.locals.form ?? new FormData();
