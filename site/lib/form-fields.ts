import { completeComplimentForm, completeForm } from '#src/forms/form-model.ts';
import type { FormDefinition, FormField } from '#src/forms/types.ts';

// The content service hands out the same definition object until content changes, so the
// questions (and the validation schema cached against them) are built once per language.
const complaintForms = new WeakMap<object, Map<string, FormField[]>>();
const complimentForms = new Map<string, FormField[]>();

/** The complete complaint form of a definition in one language, built once. */
export function complaintFormFields(definition: FormDefinition, lang: string, fallbacks: readonly string[]): FormField[] {
  let byLang = complaintForms.get(definition);
  if (!byLang) complaintForms.set(definition, (byLang = new Map()));
  const key = `${lang}|${fallbacks.join(',')}`;
  let fields = byLang.get(key);
  if (!fields) byLang.set(key, (fields = completeForm(definition, { lang, fallbacks })));
  return fields;
}

/** The compliments form in one language, built once. */
export function complimentFormFields(lang: string): FormField[] {
  let fields = complimentForms.get(lang);
  if (!fields) complimentForms.set(lang, (fields = completeComplimentForm({ lang })));
  return fields;
}
