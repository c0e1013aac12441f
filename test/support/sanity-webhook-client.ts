import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook';

/** The body Sanity sends with the projection of docs/editors.md. */
export interface WebhookBody {
  _id: string;
  _type: string;
  slug?: string | null;
  organisation?: string | null;
}

/**
 * Posts a webhook to the site as Sanity would: the body signed with the secret. `tamper`
 * changes the body after signing; `signature: false` leaves the header out.
 */
export async function sendWebhook(
  siteUrl: string,
  body: WebhookBody | string,
  options: { secret: string; signature?: boolean; tamper?: (body: string) => string },
): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.signature !== false) headers[SIGNATURE_HEADER_NAME] = await encodeSignatureHeader(text, Date.now(), options.secret);
  return fetch(`${siteUrl}/api/sanity-webhook`, { method: 'POST', headers, body: options.tamper ? options.tamper(text) : text });
}
