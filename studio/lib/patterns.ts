/**
 * Regular expressions shared by several schema types. The same contract is checked
 * on the dataset by src/content/validate-dataset.ts; keep the two in step.
 */

/** URL segment: lowercase letters, digits and single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Prefix of an organisation's case references: 2-4 capital letters. */
export const REFERENCE_PREFIX = /^[A-Z]{2,4}$/

/** A time of day on the 24-hour clock, HH:MM. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** A complaints code version such as 1.0 or 2.1.3. */
export const VERSION = /^\d+(\.\d+)*$/

/** ISO 3166-1 alpha-2 country code in capitals (GB, HU, TN). */
export const COUNTRY = /^[A-Z]{2}$/

/** IANA time zone name (Europe/London, Africa/Tunis). */
export const TIME_ZONE = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/

/** A camelCase key, used for form fields, categories and rating keys. */
export const CAMEL_CASE_KEY = /^[a-z][a-zA-Z0-9]*$/

/** A MIME type such as application/pdf or image/* . */
export const MIME_TYPE = /^[a-z]+\/(?:[a-z0-9.+-]+|\*)$/
