import { describe, expect, it } from 'vitest';
import { parseEnv } from '#src/env.ts';

describe('the environment', () => {
  it('has defaults for everything: local content, ./data, a 60 s TTL', () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({ ok: true, env: { CONTENT_DIR: './content', DATA_DIR: './data', CONTENT_TTL_SECONDS: 60, CONTENT_WATCH: true } });
    expect(parsed.ok && parsed.env.SANITY_PROJECT_ID).toBeUndefined();
  });

  it('opens at most 10 PostgreSQL connections per process unless DATABASE_POOL_SIZE says otherwise', () => {
    expect(parseEnv({})).toMatchObject({ ok: true, env: { DATABASE_POOL_SIZE: 10 } });
    expect(parseEnv({ DATABASE_POOL_SIZE: '4' })).toMatchObject({ ok: true, env: { DATABASE_POOL_SIZE: 4 } });
  });

  it('treats an empty SANITY_PROJECT_ID as unset, as an empty line in .env would be', () => {
    const parsed = parseEnv({ SANITY_PROJECT_ID: '' });
    expect(parsed.ok && parsed.env.SANITY_PROJECT_ID).toBeUndefined();
  });

  it.each([
    ['SANITY_PROJECT_ID', 'My Project', 'your Sanity project ID'],
    ['CONTENT_TTL_SECONDS', 'soon', 'seconds Sanity content is cached'],
    ['CONTENT_TTL_SECONDS', '-5', 'seconds Sanity content is cached'],
    ['SANITY_API_VERSION', 'v2', 'a date like 2026-09-01'],
    ['CONTENT_WATCH', 'yes', 'true or false'],
    ['DATABASE_POOL_SIZE', '0', 'max_connections'],
    ['DATABASE_POOL_SIZE', 'many', 'max_connections'],
  ])('names %s and what to set it to when it is %j', (name, value, hint) => {
    const parsed = parseEnv({ [name]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain(`- ${name}:`);
      expect(parsed.message).toContain(hint);
    }
  });
});
