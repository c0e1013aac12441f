import { localise } from '../content/localise.ts';
import { interfaceLocale, translator, type Translate } from '../i18n/index.ts';
import { categoryField, complaintFields, complimentFields, contactFields } from './standard-fields.ts';
import { fileTypeList } from './uploads.ts';
import type { ContentField, FormDefinition, FormField, FormSettings, FormValues, ReplyChannel, StandardField } from './types.ts';

const MB = 1024 * 1024;

export interface CompleteFormOptions {
  /** The page's language: content labels in it, standard ones in its interface language (cy → en). */
  lang: string;
  /** Languages to fall back on for content labels: the organisation's, default first. */
  fallbacks?: readonly string[];
}

/**
 * The whole complaint form, ready to render: the standard contact questions (name, email,
 * phone, reply channel, postal address), the category when the form has categories, the
 * organisation's own questions in content order, then description, desired outcome,
 * earlier attempts and attachments. A standard question is left out when the organisation
 * asks it itself (a field with the same key; for attachments, any file question without a
 * special role). Labels are in the reader's language where the content has it.
 */
export function completeForm(definition: FormDefinition, { lang, fallbacks = [] }: CompleteFormOptions): FormField[] {
  const t = translatorFor(lang);
  const own = definition.fields ?? [];
  const ownKeys = new Set(own.map((field) => field.key));
  const keep = (field: StandardField) => !ownKeys.has(field.key) && !(field.type === 'file' && own.some((f) => f.type === 'file' && !f.role));
  const settings = definition.settings;

  const fields: FormField[] = contactFields(settings)
    .filter(keep)
    .map((field) => fromStandard(field, t, lang, settings));
  const categories = definition.categories ?? [];
  if (categories.length > 0 && !ownKeys.has('category')) {
    const field = fromStandard(categoryField(), t, lang, settings);
    field.options = categories.map((category) => {
      const label = localise(category.label, lang, fallbacks);
      return { value: category.key, label: label?.text ?? category.key, lang: label?.lang ?? lang };
    });
    fields.push(field);
  }
  for (const field of own) fields.push(fromContent(field, lang, fallbacks, settings));
  for (const field of complaintFields(settings).filter(keep)) fields.push(fromStandard(field, t, lang, settings));
  return fields;
}

/** The compliments form (name and email optional, the message required), ready to render. */
export function completeComplimentForm({ lang }: { lang: string }): FormField[] {
  const t = translatorFor(lang);
  return complimentFields.map((field) => fromStandard(field, t, lang));
}

/**
 * The reply channel the complainant chose, or the only one the form offers (the question
 * is not asked when there is nothing to choose).
 */
export function replyChannelOf(values: FormValues, settings: Pick<FormSettings, 'replyChannels'>): ReplyChannel | undefined {
  const chosen = values.replyChannel;
  if (typeof chosen === 'string' && (settings.replyChannels as readonly string[]).includes(chosen)) return chosen as ReplyChannel;
  return settings.replyChannels.length === 1 ? settings.replyChannels[0] : undefined;
}

function translatorFor(lang: string): Translate {
  return translator(interfaceLocale(lang));
}

function fromStandard(field: StandardField, t: Translate, lang: string, settings?: FormSettings): FormField {
  const uiLang = interfaceLocale(lang);
  const model: FormField = {
    key: field.key,
    type: field.type,
    label: t(field.label),
    labelLang: uiLang,
    required: field.required,
    standard: true,
  };
  if (field.hint) {
    model.hint =
      field.type === 'file' && settings
        ? t(field.hint, {
            count: field.maxFiles ?? settings.maxFiles,
            maxMb: settings.maxFileSizeMb,
            types: fileTypeList(field.accept ?? settings.acceptedFileTypes, uiLang),
          })
        : t(field.hint);
    model.hintLang = uiLang;
  }
  if (field.requiredIf?.length) model.requiredIf = field.requiredIf;
  if (field.requiredUnless) model.requiredUnless = field.requiredUnless;
  if (field.options) model.options = field.options.map((option) => ({ value: option.value, label: t(option.label), lang: uiLang }));
  if (field.maxLength) model.maxLength = field.maxLength;
  if (field.showIf) model.showIf = field.showIf;
  if (field.autocomplete) model.autocomplete = field.autocomplete;
  if (field.messages) model.messages = field.messages;
  if (field.type === 'file' && settings) addFileLimits(model, field.accept, field.maxFiles, settings);
  return model;
}

function fromContent(field: ContentField, lang: string, fallbacks: readonly string[], settings: FormSettings): FormField {
  const label = localise(field.label, lang, fallbacks);
  const model: FormField = {
    key: field.key,
    type: field.type,
    // A missing label is a content mistake the dataset check reports; the key still names the question.
    label: label?.text ?? field.key,
    labelLang: label?.lang ?? lang,
    required: Boolean(field.required),
    standard: false,
  };
  const hint = localise(field.hint, lang, fallbacks);
  if (hint) {
    model.hint = hint.text;
    model.hintLang = hint.lang;
  }
  if (field.options?.length) {
    model.options = field.options.map((option) => {
      const optionLabel = localise(option.label, lang, fallbacks);
      return { value: option.value, label: optionLabel?.text ?? option.value, lang: optionLabel?.lang ?? lang };
    });
  }
  if (field.maxLength) model.maxLength = field.maxLength;
  if (field.pattern) {
    model.pattern = field.pattern;
    const message = localise(field.patternMessage, lang, fallbacks);
    if (message) model.patternMessage = message.text;
  }
  if (field.showIf?.field) model.showIf = { field: field.showIf.field, equals: field.showIf.equals };
  if (field.role) model.role = field.role;
  if (field.type === 'file') {
    addFileLimits(model, field.accept, field.maxFiles, settings);
    // The organisation's hint says what to attach; how many files, how large and of which
    // types is the site's to say, as for the standard attachments question.
    const uiLang = interfaceLocale(lang);
    model.limitsHint = translator(uiLang)('field.file.limits', {
      count: model.maxFiles!,
      maxMb: settings.maxFileSizeMb,
      types: fileTypeList(model.accept!, uiLang),
    });
  }
  return model;
}

function addFileLimits(model: FormField, accept: readonly string[] | null | undefined, maxFiles: number | null | undefined, settings: FormSettings): void {
  model.accept = [...(accept?.length ? accept : settings.acceptedFileTypes)];
  model.maxFiles = maxFiles ?? settings.maxFiles;
  model.maxBytes = settings.maxFileSizeMb * MB;
}
