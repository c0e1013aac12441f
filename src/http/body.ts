/**
 * Request bodies read with a cap, before anything parses them: a body that is too large is
 * refused after at most `maxBytes` have been read (not buffered whole first), and a body
 * that cannot be parsed is a value, never an exception. Web-standard Request only.
 */

export type BodyProblem = { ok: false; status: 400 | 413; reason: string };

/** The bytes of a body, read until `maxBytes` and no further. */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | BodyProblem> {
  const declared = declaredLength(request);
  if (declared === 'invalid') return { ok: false, status: 400, reason: 'content-length is not a number' };
  if (declared !== null && declared > maxBytes) return { ok: false, status: 413, reason: `body of ${declared} bytes is over ${maxBytes}` };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Stop reading: the rest of the upload is discarded by the server, never held.
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, reason: `body over ${maxBytes} bytes` };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, reason: 'body could not be read' };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** The body as text (UTF-8, invalid sequences replaced), read with a cap. */
export async function readTextCapped(request: Request, maxBytes: number): Promise<{ ok: true; text: string } | BodyProblem> {
  const read = await readBodyCapped(request, maxBytes);
  return read.ok ? { ok: true, text: new TextDecoder().decode(read.bytes) } : read;
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * A posted HTML form, read with a cap and parsed. Anything but a urlencoded or multipart
 * body (JSON, text, no type, multipart without a boundary) is 400; a body over the cap is
 * 413; a body the parser chokes on (a broken multipart) is 400. Multipart is streamed into
 * the parser through a counting stream, so a large upload is not held twice.
 */
export async function readFormCapped(request: Request, maxBytes: number): Promise<{ ok: true; form: FormData } | BodyProblem> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(mediaType)) return { ok: false, status: 400, reason: `not a form: ${mediaType || 'no content type'}` };
  if (mediaType === 'multipart/form-data' && !/;\s*boundary=("[^"]{1,70}"|[^\s;"]{1,70})/i.test(contentType)) {
    return { ok: false, status: 400, reason: 'multipart without a boundary' };
  }
  const declared = declaredLength(request);
  if (declared === 'invalid') return { ok: false, status: 400, reason: 'content-length is not a number' };
  if (declared !== null && declared > maxBytes) return { ok: false, status: 413, reason: `body of ${declared} bytes is over ${maxBytes}` };
  let size = 0;
  let tooLarge = false;
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          tooLarge = true;
          controller.error(new Error('body too large'));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    const form = await new Response(counted ?? '', { headers: { 'content-type': contentType } }).formData();
    return { ok: true, form };
  } catch {
    return tooLarge ? { ok: false, status: 413, reason: `body over ${maxBytes} bytes` } : { ok: false, status: 400, reason: 'form could not be parsed' };
  }
}

function declaredLength(request: Request): number | null | 'invalid' {
  const header = request.headers.get('content-length');
  if (header === null) return null;
  return /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : 'invalid';
}
