import { describe, expect, it } from 'vitest';
import { createStaff, setPassword } from '#src/auth/index.ts';
import { useServerOnPostgres } from '../support/postgres-server.ts';
import { staffSignIn } from '../support/site-fixture.ts';
import { runFuzz } from '../support/fuzz.ts';

const running = useServerOnPostgres({ SANITY_WEBHOOK_SECRET: 'fuzz-webhook-secret', SANITY_PREVIEW_SECRET: 'fuzz-preview-secret-0123456789' });

describe('malformed requests to every route', () => {
  it('get a 4xx answer (or a page), never a 5xx, signed out and signed in', async () => {
    const now = new Date();
    const email = 'fuzz.manager@opus.example';
    const created = await createStaff(running.store.db, { email, name: 'Fuzz', organisationSlug: 'opus', organisationId: 'org-opus', role: 'manager', now });
    await setPassword(running.store.db, { token: created.setPasswordToken!, password: 'correct horse battery staple 42', now });
    const cookie = await staffSignIn(running.url, email);
    const result = await runFuzz({ baseUrl: running.url, seed: 20261123, count: 400, cookie, concurrency: 4 });
    expect(result.total).toBe(400);
    expect(result.failures).toEqual([]);
  }, 120_000);
});
