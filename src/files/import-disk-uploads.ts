import { readFile, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { attachments, type Db } from '../db/index.ts';
import { databaseFileStore, type FileStore } from './file-store.ts';

/** Where files lived before they moved into the database: DATA_DIR/uploads/ab/abcdef... */
const legacyPath = (dataDir: string, storageName: string) => join(dataDir, 'uploads', storageName.slice(0, 2), storageName);

export interface ImportResult {
  imported: number;
  /** Records whose file was not on this server's disk (left as they are, for a server that has it). */
  missing: number;
}

/**
 * The one-off move of files from the old DATA_DIR/uploads folder into the file store: every
 * record that still names a file on disk (`storage_name`) gets its bytes stored and its name
 * cleared in one transaction, and the file is deleted once that committed. Safe to run on
 * every start and on several servers at once (each record is taken with SKIP LOCKED); a
 * record whose file is not here is left for a server that has it, and reported.
 */
export async function importDiskUploads(
  db: Db,
  dataDir: string,
  { store = databaseFileStore, log = console }: { store?: FileStore; log?: { warn(message: string): void } } = {},
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, missing: 0 };
  const waiting = await db.select({ id: attachments.id, storageName: attachments.storageName }).from(attachments).where(isNotNull(attachments.storageName));
  for (const { id, storageName } of waiting) {
    const path = legacyPath(dataDir, storageName!);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      result.missing += 1;
      continue;
    }
    const moved = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(eq(attachments.id, id), eq(attachments.storageName, storageName!)))
        .for('update', { skipLocked: true });
      if (!row) return false;
      await store.put(tx, id, new Uint8Array(bytes));
      await tx.update(attachments).set({ storageName: null }).where(eq(attachments.id, id));
      return true;
    });
    if (!moved) continue;
    result.imported += 1;
    await unlink(path).catch(() => {});
    await rmdir(join(path, '..')).catch(() => {}); // only when empty
  }
  if (result.imported || result.missing) {
    log.warn(`files: moved ${result.imported} uploaded files from ${join(dataDir, 'uploads')} into the database; ${result.missing} not found on this server`);
  }
  return result;
}
