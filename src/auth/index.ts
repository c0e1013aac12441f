/**
 * Staff accounts, sessions and the audit log (docs/back-office.md). The session primitives
 * that complainants' sessions share are in ./session.ts.
 */
export { roleIn, roles, isRole, type Membership, type Role, type StaffUser } from './types.ts';
export { normaliseEmail } from './email.ts';
export { passwordProblem, MIN_PASSWORD_LENGTH, type PasswordProblem } from './password.ts';
export {
  createStaff,
  setPassword,
  checkPasswordToken,
  listStaff,
  PASSWORD_TOKEN_TTL_MS,
  type CreatedStaff,
  type NewStaff,
  type SetPasswordResult,
  type StaffListing,
} from './staff.ts';
export {
  signInStaff,
  validateStaffSession,
  signOutStaff,
  staffSessionCookie,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  IDLE_TIMEOUT_MS,
  ABSOLUTE_TIMEOUT_MS,
  type SignIn,
  type SignInResult,
  type ValidSession,
} from './staff-session.ts';
export { sessionCookieAttributes, secureCookie, type SessionCookieAttributes } from './session.ts';
export { recordAudit, type AuditEntry } from './audit.ts';
