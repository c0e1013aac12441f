import type { I18nValue } from '../content/localise.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The kinds of question a complaint form can ask (the content model's `formField.type`). */
export type FieldType = 'text' | 'textarea' | 'email' | 'tel' | 'select' | 'radio' | 'checkbox' | 'date' | 'address' | 'file';

/** How the organisation may reply. */
export type ReplyChannel = 'email' | 'post' | 'phone';

/** Special meanings a content field can carry, used by the case logic. */
export type FieldRole = 'customerReference' | 'actingOnBehalf' | 'authorisation' | 'compensationClaim';

/** "Show (and validate) this question only when `field` was answered `equals`." */
export interface Condition {
  field: string;
  equals: string;
}

/** The form-wide settings of a `complaintForm` document. */
export interface FormSettings {
  replyChannels: readonly ReplyChannel[];
  phoneRequired: boolean;
  maxFiles: number;
  maxFileSizeMb: number;
  acceptedFileTypes: readonly string[];
}

/** One question as the organisation defines it in Sanity (`complaintForm.fields[]`). */
export interface ContentField {
  key: string;
  type: FieldType;
  label: I18nValue;
  hint?: I18nValue;
  required: boolean;
  options?: ReadonlyArray<{ value: string; label: I18nValue }> | null;
  pattern?: string | null;
  patternMessage?: I18nValue;
  maxLength?: number | null;
  showIf?: Condition | null;
  role?: FieldRole | null;
  accept?: readonly string[] | null;
  maxFiles?: number | null;
}

/** The `complaintForm` document, as far as the form needs it. */
export interface FormDefinition {
  categories?: ReadonlyArray<{ key: string; label: I18nValue }> | null;
  settings: FormSettings;
  fields: readonly ContentField[];
}

/**
 * A question the code adds to every form: the same shape as a content field, but its
 * label, hint and option labels are UI-string keys (`field.name.label`), and it may carry
 * rules content cannot express (required when another answer has a value).
 */
export interface StandardField {
  key: string;
  type: FieldType;
  /** UI-string key. */
  label: MessageKey;
  /** UI-string key. */
  hint?: MessageKey;
  required: boolean;
  options?: ReadonlyArray<{ value: string; label: MessageKey }>;
  maxLength?: number;
  showIf?: Condition;
  /** Required when another answer equals a value (postal address when replies go by post). */
  requiredIf?: readonly Condition[];
  /** Required unless this other question is answered (email or phone: at least one). */
  requiredUnless?: string;
  autocomplete?: string;
  accept?: readonly string[];
  maxFiles?: number;
  /** UI-string keys of messages more specific than the generic ones. */
  messages?: Partial<Record<MessageKind, MessageKey>>;
}

/** The kinds of problem a single answer can have; each maps to one message. */
export type MessageKind = 'required' | 'format' | 'tooLong' | 'pattern' | 'option' | 'date' | 'eitherOr' | 'tooManyFiles';

/** One option of a select, radio or checkbox question, ready to render. */
export interface FieldOption {
  value: string;
  label: string;
  /** The language the label is really in (for `lang` when it differs from the page). */
  lang: string;
}

/** A question ready to render and validate: labels resolved into the reader's language. */
export interface FormField {
  key: string;
  type: FieldType;
  label: string;
  labelLang: string;
  hint?: string;
  hintLang?: string;
  /** For an organisation's own file question: the number, size and types of files allowed, in the interface language. */
  limitsHint?: string;
  required: boolean;
  /** Required when any of these conditions holds (evaluated on the submitted answers). */
  requiredIf?: readonly Condition[];
  /** Required unless this other question is answered. */
  requiredUnless?: string;
  options?: FieldOption[];
  maxLength?: number;
  /** JS regular-expression source the whole value must match. */
  pattern?: string;
  /** The organisation's own message for a value that does not match `pattern`. */
  patternMessage?: string;
  showIf?: Condition;
  /** Accepted MIME types (file questions). */
  accept?: string[];
  maxFiles?: number;
  maxBytes?: number;
  role?: FieldRole;
  autocomplete?: string;
  /** True for the questions the code adds to every form. */
  standard: boolean;
  /** UI-string keys of messages more specific than the generic ones (standard fields). */
  messages?: Partial<Record<MessageKind, MessageKey>>;
}

/** A postal address as answered in an address question. */
export interface Address {
  line1: string;
  line2?: string;
  town: string;
  postcode: string;
  country?: string;
}

/** One answer: text, the chosen values of a checkbox question or upload ids, or an address. */
export type FormValue = string | string[] | Address;

/** The answers of one submission, by question key. */
export type FormValues = Record<string, FormValue>;

/**
 * Answers as posted, before validation: an address may be incomplete (`{ town }` only),
 * file questions hold the ids of files already uploaded.
 */
export type FormInput = Record<string, string | string[] | Partial<Address>>;
