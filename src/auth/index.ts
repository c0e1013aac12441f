/**
 * Staff accounts, sessions and the audit log (docs/back-office.md). The only place that
 * imports lucia: everything else uses these functions.
 */
export { roleIn, roles, isRole, type Membership, type Role, type StaffUser } from './types.ts';
export { normaliseEmail } from './email.ts';
export { passwordProblem, MIN_PASSWORD_LENGTH, type PasswordProblem } from './password.ts';
export { createStaff, setPassword, checkPasswordToken, listStaff, PASSWORD_TOKEN_TTL_MS, type CreatedStaff, type NewStaff, type SetPasswordResult, type StaffListing } from './staff.ts';
export { signInStaff, validateStaffSession, signOutStaff, LOCKOUT_MS, LOCKOUT_THRESHOLD, type SignIn, type SignInResult, type ValidSession } from './session.ts';
export { IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS } from './lucia.ts';
export { recordAudit, type AuditEntry } from './audit.ts';
