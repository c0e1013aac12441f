import type { APIRoute } from 'astro';
import { signOutStaff } from '#src/auth/index.ts';
import { database } from '../../lib/runtime.ts';
import { clearStaffSession, staffSessionToken } from '../../lib/staff-session.ts';

/** Signing out is a form post (a link or an image could not sign anyone out); the session ends in the database. */
export const POST: APIRoute = async (context) => {
  const token = staffSessionToken(context);
  if (token) {
    const { db } = await database();
    await signOutStaff(db, token);
  }
  clearStaffSession(context);
  return context.redirect('/staff/sign-in?signedOut', 303);
};

export const ALL: APIRoute = () => new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' } });
