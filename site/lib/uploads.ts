import type { Db } from '#src/db/index.ts';
import { storeUpload } from '#src/cases/attachment-store.ts';
import { checkFileCount, checkUpload, uploadMessage } from '#src/forms/uploads.ts';
import type { Translate } from '#src/i18n/index.ts';

export interface UploadRules {
  label: string;
  accept: readonly string[];
  maxBytes: number;
  maxFiles: number;
}

/**
 * Checks uploaded files by their bytes and keeps those that pass under the form's draft,
 * up to `maxFiles` counting the `alreadyKept` ones. Returns the ids kept now and one
 * localised message per refused file (or one for too many).
 */
export async function keepCheckedFiles(
  db: Db,
  files: readonly File[],
  rules: UploadRules,
  where: { draftId: string; fieldKey: string; alreadyKept: number },
  t: Translate,
  lang: string,
): Promise<{ ids: string[]; errors: string[] }> {
  const context = { label: rules.label, maxMb: Math.round(rules.maxBytes / (1024 * 1024)), types: rules.accept, maxFiles: rules.maxFiles, lang };
  const ids: string[] = [];
  const errors: string[] = [];
  for (const file of files) {
    if (!checkFileCount(where.alreadyKept + ids.length + 1, rules.maxFiles).ok) {
      errors.push(uploadMessage('tooMany', context, t));
      break;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = await checkUpload(bytes, { accept: rules.accept, maxBytes: rules.maxBytes });
    if (!check.ok) {
      errors.push(uploadMessage(check.reason, context, t));
      continue;
    }
    const stored = await storeUpload(db, { draftId: where.draftId, fieldKey: where.fieldKey, bytes, originalName: file.name, mimeType: check.mimeType });
    ids.push(stored.id);
  }
  return { ids, errors };
}
