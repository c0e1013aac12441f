import { randomBytes } from 'node:crypto';
import type { cases } from '#src/db/index.ts';

/** A valid new case; each call gets its own reference. */
export function newCase(overrides: Partial<typeof cases.$inferInsert> = {}): typeof cases.$inferInsert {
  return {
    reference: `OPX-2026-${randomBytes(5).toString('hex').toUpperCase()}`,
    organisationId: 'organisation-opex',
    organisationSlug: 'opex',
    language: 'en',
    accessCodeHash: 'not-a-real-hash',
    complainantName: 'Ada Example',
    complainantEmail: 'ada@example.org',
    replyChannel: 'email',
    receivedAt: new Date('2026-11-23T09:15:00Z'),
    ...overrides,
  };
}
