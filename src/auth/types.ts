/** The roles a member of staff can have in an organisation. */
export const roles = ['handler', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (roles as readonly string[]).includes(value);

/** A member of staff's place in one organisation (its content `_id` and slug). */
export interface Membership {
  organisationId: string;
  organisationSlug: string;
  role: Role;
}

/** A signed-in member of staff, as pages and actions see them. Never carries the password hash. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  memberships: Membership[];
}

/** The member's role in an organisation, or null when they are not a member of it. */
export function roleIn(user: Pick<StaffUser, 'memberships'>, organisationId: string): Role | null {
  return user.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}
