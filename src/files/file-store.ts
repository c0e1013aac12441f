import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import { attachmentContents, MAX_FILE_BYTES, type Db } from '../db/index.ts';

/** An open stored file: its length and its bytes, read as the reader asks for them. */
export interface OpenedFile {
  size: number;
  stream: ReadableStream<Uint8Array>;
}

/**
 * Where the bytes of uploaded files live, keyed by their attachment's id. The records
 * (`attachments`: name, type, size, hash, owner) always live in the case store; only the
 * bytes sit behind this interface. Today there is one implementation, the case store itself
 * (`databaseFileStore`), so that every server reads every file, a case and its files commit
 * together, and one backup holds everything.
 *
 * An S3-compatible store would implement the same three operations (PutObject before the
 * record's transaction commits, GetObject streamed, DeleteObjects after the records are
 * deleted); since its writes cannot join a database transaction, it would also need the
 * sweep of objects without a record (docs/deploy.md, "Files").
 */
export interface FileStore {
  /**
   * Stores the bytes of a new attachment. With `record`, the statement that inserts the
   * attachment's row, both are written together (one statement for the database store);
   * without it, call it with the transaction that inserts the record.
   */
  put(db: Db, attachmentId: string, bytes: Uint8Array, record?: SQLWrapper): Promise<void>;
  /** The bytes of an attachment as a stream, or null when there are none. */
  open(db: Db, attachmentId: string): Promise<OpenedFile | null>;
}

/** A download reads this much per query: a large file never sits whole in memory. */
const SLICE_BYTES = 256 * 1024;

const asBytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(0));

/**
 * File bytes in the case store's `attachment_contents` table (bytea, stored uncompressed out
 * of line, refused by the database above MAX_FILE_BYTES). Reads go slice by slice with
 * `substring`, each slice one query, as the response is consumed.
 */
export const databaseFileStore: FileStore = {
  async put(db, attachmentId, bytes, record) {
    if (bytes.byteLength > MAX_FILE_BYTES) throw new Error(`a stored file is at most ${MAX_FILE_BYTES} bytes`);
    const content = db.insert(attachmentContents).values({ attachmentId, content: bytes });
    // The record as a data-modifying WITH: one statement, so one round trip instead of a
    // transaction's four, and as atomic (the foreign key is checked at the statement's end).
    if (record) await db.execute(sql`with record as (${record.getSQL()}) ${content.getSQL()}`);
    else await content;
  },
  async open(db, attachmentId) {
    const slice = (from: number) =>
      db
        .select({
          size: sql<number>`octet_length(${attachmentContents.content})`.mapWith(Number),
          bytes: sql<Uint8Array>`substring(${attachmentContents.content} from ${from + 1} for ${SLICE_BYTES})`.mapWith(asBytes),
        })
        .from(attachmentContents)
        .where(eq(attachmentContents.attachmentId, attachmentId));
    const [first] = await slice(0);
    if (!first) return null;
    const size = first.size;
    let offset = 0;
    let pending: Uint8Array | null = first.bytes;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const bytes = pending ?? (await slice(offset))[0]?.bytes;
        pending = null;
        // A file is never changed once stored; gone mid-download means it was removed.
        if (!bytes) return controller.error(new Error('the file was removed while it was being read'));
        if (bytes.byteLength) controller.enqueue(bytes);
        offset += bytes.byteLength;
        if (offset >= size || bytes.byteLength === 0) controller.close();
      },
    });
    return { size, stream };
  },
};
