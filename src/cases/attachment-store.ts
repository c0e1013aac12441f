import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { attachments, type Db } from '../db/index.ts';
import { databaseFileStore, type FileStore, type OpenedFile } from '../files/file-store.ts';

export interface StoredUpload {
  id: string;
  originalName: string;
  mimeType: string;
  size: number;
}

// A file name from the browser is only ever shown back as text: keep it short and plain.
const cleanName = (name: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  (name.split(/[\\/]/).pop() ?? 'file').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').slice(0, 120) || 'file';

/**
 * Keeps an uploaded file that passed the checks: together (one statement), a record that ties it to
 * the form it came with (`draftId`) until the submission attaches it to a case, and its bytes
 * in the file store. Files never submitted are removed after a day (src/files/draft-cleanup.ts).
 */
export async function storeUpload(
  db: Db,
  upload: { draftId: string; fieldKey: string; bytes: Uint8Array; originalName: string; mimeType: string; uploadedBy?: 'complainant' | 'staff' },
  store: FileStore = databaseFileStore,
): Promise<StoredUpload> {
  const row = {
    id: randomUUID(),
    draftId: upload.draftId,
    fieldKey: upload.fieldKey,
    originalName: cleanName(upload.originalName),
    mimeType: upload.mimeType,
    size: upload.bytes.byteLength,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    uploadedBy: upload.uploadedBy ?? 'complainant',
  };
  await store.put(db, row.id, upload.bytes, db.insert(attachments).values(row));
  return { id: row.id, originalName: row.originalName, mimeType: row.mimeType, size: row.size };
}

/** The files uploaded with a form that is not yet submitted, by field. */
export async function draftUploads(db: Db, draftId: string): Promise<(StoredUpload & { fieldKey: string })[]> {
  return db
    .select({
      id: attachments.id,
      originalName: attachments.originalName,
      mimeType: attachments.mimeType,
      size: attachments.size,
      fieldKey: attachments.fieldKey,
    })
    .from(attachments)
    .where(and(eq(attachments.draftId, draftId), isNull(attachments.caseId)))
    .orderBy(attachments.createdAt);
}

/** Forgets files the complainant removed before submitting, bytes and all. */
export async function dropDraftUploads(db: Db, draftId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.delete(attachments).where(and(eq(attachments.draftId, draftId), isNull(attachments.caseId), inArray(attachments.id, [...ids])));
}

/** A stored file's bytes as a stream, or null when they are missing. */
export function openUpload(db: Db, attachmentId: string, store: FileStore = databaseFileStore): Promise<OpenedFile | null> {
  return store.open(db, attachmentId);
}
