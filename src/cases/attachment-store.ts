import { randomBytes, createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { attachments, type Db } from '../db/index.ts';

// The 256 fan-out folders are made once per process, not checked on every upload.
const madeDirs = new Set<string>();

/** Where uploads live: outside anything served statically, under random names. */
export const uploadsDir = (dataDir: string) => join(dataDir, 'uploads');

export interface StoredUpload {
  id: string;
  originalName: string;
  mimeType: string;
  size: number;
}

// A file name from the browser is only ever shown back as text: keep it short and plain.
const cleanName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? 'file').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').slice(0, 120) || 'file';

/**
 * Keeps an uploaded file that passed the checks: the bytes under a random name, a row that
 * ties it to the form it came with (`draftId`) until the submission attaches it to a case.
 */
export async function storeUpload(
  db: Db,
  dataDir: string,
  upload: { draftId: string; fieldKey: string; bytes: Uint8Array; originalName: string; mimeType: string; uploadedBy?: 'complainant' | 'staff' },
): Promise<StoredUpload> {
  const storageName = randomBytes(16).toString('hex');
  const dir = join(uploadsDir(dataDir), storageName.slice(0, 2));
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  await writeFile(join(dir, storageName), upload.bytes, { flag: 'wx', mode: 0o600 });
  const [row] = await db
    .insert(attachments)
    .values({
      draftId: upload.draftId,
      fieldKey: upload.fieldKey,
      storageName,
      originalName: cleanName(upload.originalName),
      mimeType: upload.mimeType,
      size: upload.bytes.byteLength,
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      uploadedBy: upload.uploadedBy ?? 'complainant',
    })
    .returning({ id: attachments.id, originalName: attachments.originalName, mimeType: attachments.mimeType, size: attachments.size });
  return row!;
}

/** The files uploaded with a form that is not yet submitted, by field. */
export async function draftUploads(db: Db, draftId: string): Promise<(StoredUpload & { fieldKey: string })[]> {
  return db
    .select({ id: attachments.id, originalName: attachments.originalName, mimeType: attachments.mimeType, size: attachments.size, fieldKey: attachments.fieldKey })
    .from(attachments)
    .where(and(eq(attachments.draftId, draftId), isNull(attachments.caseId)))
    .orderBy(attachments.createdAt);
}

/** Forgets files the complainant removed before submitting (the bytes stay until cleanup). */
export async function dropDraftUploads(db: Db, draftId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.delete(attachments).where(and(eq(attachments.draftId, draftId), isNull(attachments.caseId), inArray(attachments.id, [...ids])));
}

/** Reads a stored file's bytes. */
export function readUpload(dataDir: string, storageName: string): Promise<Buffer> {
  return readFile(join(uploadsDir(dataDir), storageName.slice(0, 2), storageName));
}
