/**
 * Unicode bidirectional controls that reorder what follows them: embeddings and overrides
 * (U+202A-202E), isolates (U+2066-2069) and the invisible marks (U+200E, U+200F, U+061C).
 * In a name or a file name typed by the public they have no honest use and one dishonest
 * one: `invoice\u202Efdp.exe` shows as "invoiceexe.pdf" to the member of staff who opens it.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Text from the public with its bidi controls removed, for showing to staff or naming a download. */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** Whether text carries any bidi control (for tests and checks). */
export const hasBidiControls = (text: string): boolean => new RegExp(BIDI_CONTROLS.source).test(text);
