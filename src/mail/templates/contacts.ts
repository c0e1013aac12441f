import { z } from 'zod';
import { dir, isMessageKey, type Translate } from '../../i18n/index.ts';
import { html, lines, type SafeHtml } from './html.ts';
import { link } from './layout.ts';

/**
 * An organisation's contact method as a mail shows it: phone, email, post, website... with
 * the organisation's own label for it ("Complaints line") in `labelLang` when content has one.
 */
export const contactSchema = z.object({ kind: z.string(), value: z.string(), label: z.string().optional(), labelLang: z.string().optional() });
export type MailContact = z.infer<typeof contactSchema>;

/**
 * A list of contacts; entries without a kind or a value (half-filled content) are left
 * out rather than refused, so that a gap in an organisation's content never stops a
 * complaint from being recorded with its acknowledgement.
 */
export const contactListSchema = z
  .array(contactSchema)
  .default([])
  .transform((list) => list.filter((contact) => contact.kind.trim() !== '' && contact.value.trim() !== ''));

function kindLabel(kind: string, t: Translate): string {
  // The kind comes from content: one the strings do not name reads as "other".
  const key = `contact.kind.${kind}`;
  return isMessageKey(key) ? t(key) : t('contact.kind.other');
}

/** The value as a link when it is one (mailto:, tel:, https:), else escaped text. */
function contactValue({ kind, value }: MailContact): SafeHtml {
  const trimmed = value.trim();
  if (kind === 'email' && /^[^\s@<>"]+@[^\s@<>"]+$/.test(trimmed)) return link(`mailto:${trimmed}`, trimmed);
  if ((kind === 'phone' || kind === 'whatsapp' || kind === 'fax') && /^\+?[\d\s().-]{5,}$/.test(trimmed)) {
    return html`<span dir="ltr">${link(`tel:${trimmed.replace(/[^\d+]/g, '')}`, trimmed)}</span>`;
  }
  if (/^https?:\/\/\S+$/i.test(trimmed)) return link(trimmed, trimmed);
  return lines(value);
}

// The organisation's label says which of two phone numbers is which; the kind ("Telephone")
// is the label when content gives none.
const labelOf = (contact: MailContact, t: Translate) => contact.label?.trim() || kindLabel(contact.kind, t);

/**
 * Contacts as a definition-like list of paragraphs: "Complaints line: 0800 ...". A label in
 * another language than the mail's (`mailLanguage`) carries its own lang.
 */
export function contactsHtml(contacts: readonly MailContact[], t: Translate, paragraphStyle: string, mailLanguage?: string): SafeHtml {
  return html`${contacts.map((contact) => {
    const other = contact.label?.trim() && contact.labelLang && contact.labelLang !== mailLanguage ? contact.labelLang : undefined;
    const label = other ? html`<strong lang="${other}" dir="${dir(other)}">${labelOf(contact, t)}</strong>` : html`<strong>${labelOf(contact, t)}</strong>`;
    return html`<p style="${paragraphStyle}">${label}<br />${contactValue(contact)}</p> `;
  })}`;
}

/** Contacts as text lines; `labelled` joins a label and its value the reader's way ("Téléphone : ..."). */
export function contactsText(contacts: readonly MailContact[], labelled: (label: string, value: string) => string, t: Translate): string {
  return contacts.map((contact) => labelled(labelOf(contact, t), contact.value.trim().replace(/\s*\r?\n\s*/g, ', '))).join('\n');
}
