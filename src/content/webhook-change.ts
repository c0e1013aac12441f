import { z } from 'zod';
import type { ContentChange } from './content-dependencies.ts';

/**
 * The body Sanity's webhook sends, as set by the projection in docs/editors.md:
 * `{_id, _type, "slug": slug.current, "organisation": organisation._ref}`. Optional fields
 * are null for document types that lack them.
 */
const webhookBody = z.object({
  _id: z.string().min(1).max(200),
  _type: z.string().min(1).max(100),
  slug: z.string().max(200).nullish(),
  organisation: z.string().max(200).nullish(),
});

/**
 * The change a (signature-checked) webhook body describes, or undefined when it is not in
 * the expected shape: the caller then drops everything, which is always safe.
 */
export function parseWebhookChange(body: string): ContentChange | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = webhookBody.safeParse(json);
  if (!parsed.success) return undefined;
  const { _id, _type, slug, organisation } = parsed.data;
  return {
    documentIds: organisation ? [_id, organisation] : [_id],
    types: [_type],
    slugs: slug ? [slug] : [],
  };
}
