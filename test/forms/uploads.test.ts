import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { translator } from '#src/i18n/index.ts';
import { completeForm } from '#src/forms/form-model.ts';
import { checkFileCount, checkUpload, fileTypeList, uploadMessage } from '#src/forms/uploads.ts';
import { contentForms } from './content-forms.ts';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : [...part])));

/** A real 1×1 PNG: signature, IHDR, IDAT and IEND chunks with their CRCs. */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0, 255]));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', pixels),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A JPEG with its JFIF APP0 segment, start and end markers. */
const jpeg = () => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00], [0xff, 0xd9]);

/** A one-page PDF. */
const pdf = () =>
  bytes(
    '%PDF-1.4\n',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n',
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  );

const text = (s: string) => new TextEncoder().encode(s);
const windowsExe = () => bytes('MZ', new Array(58).fill(0), [0x40, 0, 0, 0], new Array(64).fill(0), 'PE\0\0', new Array(20).fill(0));

const documents = ['application/pdf', 'image/jpeg', 'image/png'];
const tenMb = 10 * 1024 * 1024;

describe('checkUpload', () => {
  it.each([
    { name: 'a PNG', file: png, accept: documents, result: { ok: true, mimeType: 'image/png', extension: 'png' } },
    { name: 'a JPEG', file: jpeg, accept: documents, result: { ok: true, mimeType: 'image/jpeg', extension: 'jpg' } },
    { name: 'a PDF', file: pdf, accept: documents, result: { ok: true, mimeType: 'application/pdf', extension: 'pdf' } },
    { name: 'a PNG where only PDFs are accepted (whatever it is called)', file: png, accept: ['application/pdf'], result: { ok: false, reason: 'wrongType' } },
    { name: 'a PNG where any image is accepted', file: png, accept: ['image/*'], result: { ok: true, mimeType: 'image/png', extension: 'png' } },
    { name: 'a JPEG where the content says image/jpg', file: jpeg, accept: ['image/jpg'], result: { ok: true, mimeType: 'image/jpeg', extension: 'jpg' } },
    { name: 'a text file renamed .pdf', file: () => text('Dear Sir, %PDF this is not a PDF'), accept: documents, result: { ok: false, reason: 'wrongType' } },
    { name: 'a Windows program', file: windowsExe, accept: documents, result: { ok: false, reason: 'wrongType' } },
    {
      name: 'plain text where text is accepted',
      file: () => text('Árvíztűrő tükörfúrógép\nمرحبا\n'),
      accept: ['text/plain'],
      result: { ok: true, mimeType: 'text/plain', extension: 'txt' },
    },
    {
      name: 'text with a NUL byte where text is accepted',
      file: () => bytes('abc', [0], 'def'),
      accept: ['text/plain'],
      result: { ok: false, reason: 'wrongType' },
    },
    {
      name: 'bytes that are not UTF-8 where text is accepted',
      file: () => bytes([0x61, 0xff, 0xfe, 0x62]),
      accept: ['text/plain'],
      result: { ok: false, reason: 'wrongType' },
    },
    { name: 'a PDF where only text is accepted', file: pdf, accept: ['text/plain'], result: { ok: false, reason: 'wrongType' } },
    { name: 'an empty file', file: () => new Uint8Array(), accept: documents, result: { ok: false, reason: 'empty' } },
  ])('judges $name', async ({ file, accept, result }) => {
    expect(await checkUpload(file(), { accept, maxBytes: tenMb })).toEqual(result);
  });

  it('refuses a file over the size limit before looking at it', async () => {
    const big = new Uint8Array(2048);
    big.set(png());
    expect(await checkUpload(big, { accept: documents, maxBytes: 2047 })).toEqual({ ok: false, reason: 'tooLarge' });
    expect(await checkUpload(big, { accept: documents, maxBytes: 2048 })).toMatchObject({ ok: true, mimeType: 'image/png' });
  });

  it.each(contentForms().map((form) => [form.id, form] as const))('applies the file rules of %s', async (_id, form) => {
    const fields = completeForm(form.definition, { lang: 'en', fallbacks: form.languages }).filter((f) => f.type === 'file');
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      const rules = { accept: field.accept!, maxBytes: field.maxBytes! };
      expect(await checkUpload(pdf(), rules)).toMatchObject({ ok: true });
      expect(await checkUpload(png(), rules)).toMatchObject({ ok: true });
      expect(await checkUpload(jpeg(), rules)).toMatchObject({ ok: true });
      expect(await checkUpload(text('not a scan'), rules)).toEqual({ ok: false, reason: 'wrongType' });
      expect(await checkUpload(new Uint8Array(field.maxBytes! + 1), rules)).toEqual({ ok: false, reason: 'tooLarge' });
      expect(await checkUpload(new Uint8Array(), rules)).toEqual({ ok: false, reason: 'empty' });
    }
  });
});

describe('checkFileCount', () => {
  it.each([
    [0, 5, { ok: true }],
    [5, 5, { ok: true }],
    [6, 5, { ok: false, reason: 'tooMany' }],
  ])('%i files where %i are allowed', (count, max, result) => {
    expect(checkFileCount(count, max)).toEqual(result);
  });
});

describe('uploadMessage', () => {
  const context = { label: 'Supporting documents', maxMb: 10, types: documents, maxFiles: 5 };

  it.each([
    ['en', 'empty', 'The file selected for supporting documents is empty. Choose another file'],
    ['en', 'tooLarge', 'The file selected for supporting documents must be smaller than 10 MB'],
    ['en', 'wrongType', 'The file selected for supporting documents must be a PDF, JPEG or PNG'],
    ['en', 'tooMany', 'Select up to 5 files for supporting documents'],
    ['hu', 'wrongType', 'Supporting documents: a kiválasztott fájl formátuma csak PDF, JPEG vagy PNG lehet'],
    ['fr', 'tooLarge', 'Le fichier sélectionné pour « supporting documents » doit faire moins de 10 Mo'],
    ['fr', 'wrongType', 'Le fichier sélectionné pour « supporting documents » doit être au format PDF, JPEG ou PNG'],
    ['ar', 'tooMany', 'اختر 5 ملفات على الأكثر لـ«supporting documents»'],
  ] as const)('in %s says what to do about %s', (lang, reason, message) => {
    expect(uploadMessage(reason, { ...context, lang }, translator(lang))).toBe(message);
  });

  it('uses the singular for a question that takes one file', () => {
    expect(uploadMessage('tooMany', { ...context, maxFiles: 1 }, translator('en'))).toBe('Select up to 1 file for supporting documents');
  });
});

describe('fileTypeList', () => {
  it.each([
    ['en', ['application/pdf'], 'PDF'],
    ['en', ['application/pdf', 'image/png'], 'PDF or PNG'],
    ['hu', documents, 'PDF, JPEG vagy PNG'],
    ['ar', documents, 'PDF أو JPEG أو PNG'],
    ['en', ['application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/x-icon'], 'Word or ICON'],
  ])('in %s names %j as %s', (lang, types, expected) => {
    expect(fileTypeList(types, lang)).toBe(expected);
  });
});
