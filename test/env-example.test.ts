import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '#src/env.ts';

describe('.env.example', () => {
  const example = readFileSync('.env.example', 'utf8');
  it.each(Object.keys(envSchema.shape))('documents %s', (name) => {
    expect(example).toMatch(new RegExp(`^# ${name}=`, 'm'));
  });
});
