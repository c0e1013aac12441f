import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A content folder holding content/ and the fixture organisations of test/fixtures/content
 * (a Welsh one, an Austrian German one...), set as this test process's CONTENT_DIR so that
 * the helpers reading content (policies, forms) see what the server started with it sees.
 * Import it first: the content service reads CONTENT_DIR when it is first used.
 */
export const fixtureContentDir = mkdtempSync(join(tmpdir(), 'redress-fixture-content-'));
cpSync('content', fixtureContentDir, { recursive: true });
cpSync('test/fixtures/content', fixtureContentDir, { recursive: true });
process.env.CONTENT_DIR = fixtureContentDir;
