import { readDataset } from '#src/content/local-source.ts';
import { completeForm } from '#src/forms/form-model.ts';
import type { FormDefinition, FormField } from '#src/forms/types.ts';

export interface OrganisationForm {
  slug: string;
  languages: string[];
  referencePrefix: string;
  definition: FormDefinition;
  hasTriage: boolean;
  takesCompliments: boolean;
}

/** Every organisation of the content with its complaint form: the tests know none by name. */
export function organisationForms(dir = 'content'): OrganisationForm[] {
  const docs = readDataset(dir);
  return docs
    .filter((d) => d._type === 'organisation')
    .map((org) => ({
      slug: (org.slug as { current: string }).current,
      languages: org.languages as string[],
      referencePrefix: org.referencePrefix as string,
      definition: docs.find((d) => d._id === (org.complaintForm as { _ref: string })._ref) as unknown as FormDefinition,
      hasTriage: ((org.whenNotToComplain as unknown[]) ?? []).length > 0,
      takesCompliments: Boolean((org.positiveFeedback as { accepted?: boolean } | undefined)?.accepted),
    }));
}

/** A tiny but real PDF: file-type recognises it by its bytes. */
export const pdfBytes = () => new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const samples = ['12345678', 'AB123456', '1234', 'ABC-123', '2026-11-01'];

/**
 * A valid answer to every question a form shows by default, built from the definition
 * alone: values that match each pattern, the first option that opens no further
 * question, an address, a PDF where a file is required.
 */
export function validAnswers(fields: readonly FormField[]): { body: FormData; fileFields: string[] } {
  const body = new FormData();
  const triggers = new Set(fields.filter((f) => f.showIf).map((f) => `${f.showIf!.field}=${f.showIf!.equals}`));
  const fileFields: string[] = [];
  const chosen: Record<string, string> = {};
  for (const field of fields) {
    if (field.showIf && chosen[field.showIf.field] !== field.showIf.equals) continue;
    switch (field.type) {
      case 'email':
        body.set(field.key, 'complainant@example.org');
        break;
      case 'tel':
        body.set(field.key, '+44 20 7946 0000');
        break;
      case 'date':
        body.set(field.key, '2026-11-01');
        break;
      case 'address':
        body.set(`${field.key}.line1`, '1 Example Street');
        body.set(`${field.key}.town`, 'Exampleton');
        body.set(`${field.key}.postcode`, 'EX1 1AA');
        break;
      case 'select':
      case 'radio': {
        const option =
          field.options?.find((o) => !triggers.has(`${field.key}=${o.value}`) && !(field.key === 'replyChannel' && o.value === 'post')) ?? field.options?.[0];
        if (option) {
          body.set(field.key, option.value);
          chosen[field.key] = option.value;
        }
        break;
      }
      case 'checkbox':
        if (field.required) body.set(field.key, field.options?.[0]?.value ?? 'yes');
        break;
      case 'file':
        if (field.required) {
          body.append(field.key, new File([pdfBytes()], 'document.pdf', { type: 'application/pdf' }));
          fileFields.push(field.key);
        }
        break;
      default: {
        const pattern = field.pattern ? new RegExp(`^(?:${field.pattern})$`) : null;
        body.set(
          field.key,
          pattern ? (samples.find((s) => pattern.test(s)) ?? 'x') : field.type === 'textarea' ? 'It went wrong on 1 November.' : 'Example answer',
        );
      }
    }
  }
  return { body, fileFields };
}

export function formFields(form: OrganisationForm, lang: string): FormField[] {
  return completeForm(form.definition, { lang, fallbacks: form.languages });
}
