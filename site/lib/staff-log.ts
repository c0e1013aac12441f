import type { FormField } from '#src/forms/types.ts';
import { languageName, locales, type Translate } from '#src/i18n/index.ts';

/** Keeps a logged complaint's access code for one look on its case page (the only time it exists in plain text). */
export const loggedCaseCookie = 'redress_staff_logged';

/** The channels a member of staff logs a complaint from. */
export const staffChannels = ['phone', 'post', 'inPerson'] as const;
export type StaffChannel = (typeof staffChannels)[number];

/**
 * The form a member of staff fills in for a complaint received by phone, post or in person:
 * how it came and the complainant's language first, then the organisation's own form, with
 * its description asked as the written record of what was said. File questions are left out
 * (letters are kept where the organisation keeps its post).
 */
export function staffLogFields(fields: readonly FormField[], t: Translate, contentLanguages: readonly string[], lang: string): FormField[] {
  const languages = [...new Set([lang, ...contentLanguages.filter((l) => (locales as readonly string[]).includes(l)), ...locales])];
  const channel: FormField = {
    key: 'channel',
    type: 'radio',
    label: t('staff.log.channel'),
    labelLang: lang,
    required: true,
    options: staffChannels.map((value) => ({ value, label: t(`staff.queue.channelName.${value}`), lang })),
    standard: true,
    messages: { required: 'staff.log.error.channel', option: 'staff.log.error.channel' },
  };
  const language: FormField = {
    key: 'caseLanguage',
    type: 'select',
    label: t('staff.log.language'),
    labelLang: lang,
    hint: t('staff.log.languageHint'),
    required: true,
    options: languages.map((value) => ({ value, label: languageName(value as (typeof locales)[number]), lang: value })),
    standard: true,
    messages: { required: 'staff.log.error.language', option: 'staff.log.error.language' },
  };
  const own = fields
    .filter((f) => f.type !== 'file')
    .map((f): FormField =>
      f.key === 'description'
        ? {
            ...f,
            label: t('staff.log.record'),
            labelLang: lang,
            hint: t('staff.log.recordHint'),
            hintLang: lang,
            messages: { ...f.messages, required: 'staff.log.error.record' },
          }
        : f,
    );
  return [channel, language, ...own];
}
