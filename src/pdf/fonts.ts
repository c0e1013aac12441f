import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The faces a PDF is set in: Noto Sans for Latin, Greek and Cyrillic, DejaVu Sans for Arabic.
 * Noto Naskh Arabic would look finer, but it builds letters from a dotless base and separate
 * dot glyphs that map to no character, so the text a reader copies or a screen reader gets
 * from the PDF comes out with junk in every other word; DejaVu Sans's Arabic forms each map
 * back to their letters.
 */
export type FaceName = 'sans' | 'sansBold' | 'sansItalic' | 'sansBoldItalic' | 'arabic' | 'arabicBold';

// Resolved through the packages rather than as literal node_modules paths, so that the
// built server (dist/server/chunks/...) finds the same files as the sources do.
const files: Record<FaceName, string> = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  sansItalic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  sansBoldItalic: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
  arabic: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  arabicBold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

const loaded = new Map<FaceName, Buffer>();

/** The bytes of a face, read once per process (pdfkit parses and subsets them per document). */
export function fontBytes(face: FaceName): Buffer {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = readFileSync(createRequire(import.meta.url).resolve(files[face]));
    loaded.set(face, bytes);
  }
  return bytes;
}

export const faceNames = Object.keys(files) as FaceName[];

// Arabic letters, marks and punctuation (the Arabic comma, question mark, tatweel): set in
// the Arabic face. Everything else, including digits and Latin words inside Arabic text, in Noto Sans.
const arabicScript = /[\p{Script_Extensions=Arabic}]/u;
const combiningMark = /\p{M}/u;

/** Whether a character is set in the Arabic face; a combining mark follows its base. */
export function isArabicScript(char: string, previousWasArabic: boolean): boolean {
  if (combiningMark.test(char)) return previousWasArabic;
  return arabicScript.test(char);
}

/** The face for a run of text of one script and style. */
export function faceFor(arabic: boolean, bold: boolean, italic: boolean): FaceName {
  // Arabic emphasis stays upright: slanting is not an Arabic convention.
  if (arabic) return bold ? 'arabicBold' : 'arabic';
  if (bold) return italic ? 'sansBoldItalic' : 'sansBold';
  return italic ? 'sansItalic' : 'sans';
}
