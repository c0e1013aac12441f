import { fileTypeFromBuffer } from 'file-type';
import type { Translate } from '../i18n/index.ts';
import { labelled } from './label.ts';

/** Why an uploaded file was refused. */
export type UploadFailure = 'empty' | 'tooLarge' | 'wrongType';

export type UploadCheck = { ok: true; mimeType: string; extension: string } | { ok: false; reason: UploadFailure };

/**
 * Checks one uploaded file by its bytes, never its name or the browser's claimed type:
 * a PNG named `.pdf` is a PNG, and a text file renamed `.pdf` is refused. `accept` lists
 * MIME types (`image/*` accepts any image). Plain text has no signature, so `text/plain`
 * is allowed only when listed and only for valid UTF-8 without NUL bytes.
 */
export async function checkUpload(bytes: Uint8Array, { accept, maxBytes }: { accept: readonly string[]; maxBytes: number }): Promise<UploadCheck> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > maxBytes) return { ok: false, reason: 'tooLarge' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return accepts(accept, detected.mime) ? { ok: true, mimeType: detected.mime, extension: detected.ext } : { ok: false, reason: 'wrongType' };
  }
  if (accepts(accept, 'text/plain') && isPlainText(bytes)) return { ok: true, mimeType: 'text/plain', extension: 'txt' };
  return { ok: false, reason: 'wrongType' };
}

/** Too many files for one question. */
export function checkFileCount(count: number, maxFiles: number): { ok: true } | { ok: false; reason: 'tooMany' } {
  return count <= maxFiles ? { ok: true } : { ok: false, reason: 'tooMany' };
}

export interface UploadMessageContext {
  /** The question's label, as shown. */
  label: string;
  /** The size limit in megabytes. */
  maxMb: number;
  /** Accepted MIME types. */
  types: readonly string[];
  /** The most files the question takes (for `tooMany`). */
  maxFiles?: number;
  /** The language of the page, for the list of types ("PDF, JPEG or PNG"). */
  lang?: string;
}

/**
 * The localised message for a refused file, naming the question and saying what to do:
 * "The file selected for {label} must be smaller than 10 MB", "Select up to 5 files for {label}".
 */
export function uploadMessage(reason: UploadFailure | 'tooMany', context: UploadMessageContext, t: Translate): string {
  const { label, maxMb, types, maxFiles = 1, lang = 'en' } = context;
  switch (reason) {
    case 'empty':
      return labelled(t, 'form.upload.empty', label, lang);
    case 'tooLarge':
      return labelled(t, 'form.upload.tooLarge', label, lang, { maxMb });
    case 'wrongType':
      return labelled(t, 'form.upload.wrongType', label, lang, { types: fileTypeList(types, lang) });
    case 'tooMany':
      return labelled(t, 'form.upload.tooMany', label, lang, { count: maxFiles });
  }
}

const shortNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/tiff': 'TIFF',
  'text/plain': 'TXT',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'audio/mpeg': 'MP3',
  'video/mp4': 'MP4',
};

/** Accepted types as people know them, in the page's language: "PDF, JPEG or PNG". */
export function fileTypeList(types: readonly string[], lang: string): string {
  const names = [...new Set(types.map((type) => shortNames[type] ?? (type.split('/')[1] ?? type).replace(/^x-/, '').toUpperCase()))];
  try {
    // The site writes British English: "PDF, JPEG or PNG", without the serial comma.
    return new Intl.ListFormat(lang === 'en' ? 'en-GB' : lang, { type: 'disjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

function accepts(accept: readonly string[], mime: string): boolean {
  return accept.some((type) => {
    const wanted = type.trim().toLowerCase();
    if (wanted === mime) return true;
    if (wanted === 'image/jpg' && mime === 'image/jpeg') return true;
    return wanted.endsWith('/*') && mime.startsWith(wanted.slice(0, -1));
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
