import type { Localised } from '#src/content/index.ts';

/**
 * The ids that tie a control to its hint, its second hint (the limits of a file question) and
 * its error message, and the `aria-describedby` that names them in that order: a screen reader
 * reads the hint, then the limits, then what went wrong. One rule for every form, so that an
 * error summary link (`#f-...`) and a message's id always agree with the control's.
 */
export interface FieldIds {
  hintId?: string;
  limitsId?: string;
  errorId?: string;
  /** Undefined when there is nothing to name: the attribute is then left out. */
  describedBy?: string;
}

export function fieldIds(id: string, parts: { hint?: unknown; limits?: unknown; error?: unknown }): FieldIds {
  const hintId = parts.hint ? `${id}-hint` : undefined;
  const limitsId = parts.limits ? `${id}-limits` : undefined;
  const errorId = parts.error ? `${id}-error` : undefined;
  const describedBy = [hintId, limitsId, errorId].filter(Boolean).join(' ') || undefined;
  return { hintId, limitsId, errorId, describedBy };
}

/** What every form group takes (Field, and each control that wraps its input in one). */
export interface FieldProps {
  /** The control's id (`f-...`, what the error summary links to); the hint and the error take `${id}-hint`, `${id}-error`. */
  id: string;
  label: string;
  /** The label's language when it differs from the page's. */
  labelLang?: string | undefined;
  /** Said before the hint, with no id (when a question only applies to some answers). */
  note?: string | undefined;
  hint?: string | null | undefined;
  hintLang?: string | undefined;
  /** A second hint (a file question's number, size and types), read after the hint. */
  limits?: string | undefined;
  error?: string | null | undefined;
  /** The `showIf` condition the enhancing script reads (`field=value`). */
  showIf?: string | undefined;
  /** The form group's class: `question`, or `address-part` for one line of an address. */
  groupClass?: string;
}

/** One item of a group of radios or checkboxes. `lang` marks a label in another language than the page's. */
export interface ChoiceItem {
  value: string;
  label: string;
  lang?: string;
  /** Content text (its own language and direction), rendered by Text instead of `label`. */
  text?: Localised | null;
  checked?: boolean;
}

/**
 * The id of the n-th control of a group: the first takes the group's id, so that an error
 * summary link to `#f-key` lands on the first choice; the others `f-key-1`, `f-key-2`...
 */
export const choiceId = (id: string, index: number) => (index === 0 ? id : `${id}-${index}`);
