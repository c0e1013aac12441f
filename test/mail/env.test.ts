import { describe, expect, it } from 'vitest';
import { parseEnv } from '#src/env.ts';

describe('the mail variables', () => {
  it('default to the local mailbox and a localhost origin', () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({ ok: true, env: { PUBLIC_BASE_URL: 'http://localhost:4321' } });
    expect(parsed.ok && parsed.env.RESEND_API_KEY).toBeUndefined();
  });

  it('refuse RESEND_API_KEY without MAIL_FROM, saying what to set', () => {
    const parsed = parseEnv({ RESEND_API_KEY: 're_123' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.message).toContain(
        '- MAIL_FROM: Required when RESEND_API_KEY is set. Set it to the sender of every mail, like Redress <complaints@example.org>',
      );
  });

  it.each([
    ['MAIL_FROM', 'complaints at example.org', 'like Redress <complaints@example.org>'],
    ['RESEND_BASE_URL', 'ftp://resend', 'the Resend API origin'],
    ['PUBLIC_BASE_URL', 'complaints.example.org', 'the public origin of the site'],
  ])('name %s and what to set it to when it is %j', (name, value, hint) => {
    const parsed = parseEnv({ [name]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(new RegExp(`- ${name}:.*${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('accept a sender with or without a display name, and drop a trailing slash from the origin', () => {
    for (const from of ['complaints@example.org', 'Redress <complaints@example.org>']) {
      expect(parseEnv({ RESEND_API_KEY: 're_123', MAIL_FROM: from }).ok).toBe(true);
    }
    const parsed = parseEnv({ PUBLIC_BASE_URL: 'https://complaints.example.org/' });
    expect(parsed.ok && parsed.env.PUBLIC_BASE_URL).toBe('https://complaints.example.org');
  });
});
