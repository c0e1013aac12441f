import bidiFactory from 'bidi-js';
import { faceFor, isArabicScript, type FaceName } from './fonts.ts';

/** A run of inline text with its style, as Portable Text spans are. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An absolute http(s), mailto: or tel: address. */
  href?: string;
}

/** One piece of a line: text of one face, one bidi level and one link, drawn as one fragment. */
export interface Piece {
  /** The text in logical order (what a reader's copy and a screen reader get). */
  text: string;
  /** The text as handed to the font: see drawnText. */
  drawn: string;
  face: FaceName;
  width: number;
  /** Offset from the start (left edge) of the line, in visual order. */
  x: number;
  level: number;
  href?: string;
  /** Spaces take room but are not drawn: pdf.js puts spaces back from the gaps. */
  space: boolean;
}

export interface Line {
  /** In logical order; each piece knows its visual position. */
  pieces: Piece[];
  width: number;
}

/** Width of `text` set in `face` at the current size. */
export type Measure = (face: FaceName, text: string) => number;

const bidi = bidiFactory();

interface Atom {
  text: string;
  face: FaceName;
  href?: string;
  space: boolean;
}

/** Splits spans into words, spaces and hard breaks, each word cut where the face changes. */
function atomsOf(spans: readonly Span[]): (Atom | 'break')[] {
  const atoms: (Atom | 'break')[] = [];
  for (const span of spans) {
    for (const part of span.text.replace(/\r\n?/g, '\n').split(/(\n|[ \t]+)/)) {
      if (part === '') continue;
      if (part === '\n') {
        atoms.push('break');
        continue;
      }
      if (/^[ \t]+$/.test(part)) {
        atoms.push({ text: ' ', face: faceFor(false, !!span.bold, !!span.italic), href: span.href, space: true });
        continue;
      }
      let arabic = false;
      let current: Atom | undefined;
      for (const char of part) {
        arabic = isArabicScript(char, arabic);
        const face = faceFor(arabic, !!span.bold, !!span.italic);
        if (current && current.face === face) current.text += char;
        else {
          current = { text: char, face, href: span.href, space: false };
          atoms.push(current);
        }
      }
    }
  }
  return atoms;
}

/** A word: the atoms between two break opportunities (a word may change face or style). */
type Word = { atoms: Atom[]; width: number; space: Atom | null; spaceWidth: number };

function wordsOf(atoms: (Atom | 'break')[], measure: Measure): (Word | 'break')[] {
  const words: (Word | 'break')[] = [];
  let word: Word | null = null;
  for (const atom of atoms) {
    if (atom === 'break') {
      words.push('break');
      word = null;
    } else if (atom.space) {
      if (word && !word.space) {
        word.space = atom;
        word.spaceWidth = measure(atom.face, ' ');
      }
      // Spaces at the start of a line or after a space are dropped, as HTML does.
    } else {
      if (!word || word.space) {
        word = { atoms: [], width: 0, space: null, spaceWidth: 0 };
        words.push(word);
      }
      word.atoms.push(atom);
      word.width += measure(atom.face, atom.text);
    }
  }
  return words;
}

/** Cuts a word wider than a whole line (a long address) into pieces that fit. */
function cutWord(word: Word, width: number, measure: Measure): Word[] {
  const parts: Word[] = [];
  let part: Word = { atoms: [], width: 0, space: null, spaceWidth: 0 };
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const atom of word.atoms) {
    for (const { segment } of segmenter.segment(atom.text)) {
      const w = measure(atom.face, segment);
      if (part.width + w > width && part.atoms.length > 0) {
        parts.push(part);
        part = { atoms: [], width: 0, space: null, spaceWidth: 0 };
      }
      const last = part.atoms.at(-1);
      if (last && last.face === atom.face && last.href === atom.href) last.text += segment;
      else part.atoms.push({ ...atom, text: segment });
      part.width += w;
    }
  }
  part.space = word.space;
  part.spaceWidth = word.spaceWidth;
  parts.push(part);
  return parts;
}

/** Greedy line filling: as many words as fit, a break after the last space that fits. */
function fill(words: (Word | 'break')[], width: number, measure: Measure): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  for (const item of words) {
    if (item === 'break') {
      lines.push(line);
      line = [];
      used = 0;
      continue;
    }
    for (const word of item.width > width ? cutWord(item, width, measure) : [item]) {
      const before = line.length ? line.at(-1)!.spaceWidth : 0;
      if (line.length && used + before + word.width > width) {
        lines.push(line);
        line = [];
        used = 0;
      }
      used += (line.length ? line.at(-1)!.spaceWidth : 0) + word.width;
      line.push(word);
    }
  }
  if (line.length || lines.length === 0) lines.push(line);
  return lines;
}

const reversed = (text: string) => [...text].reverse().join('');
const mirrored = (text: string) => [...text].map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
const isArabicFace = (face: FaceName) => face === 'arabic' || face === 'arabicBold';

/**
 * The text to hand to pdfkit for a piece so that it appears in visual order. pdfkit shapes
 * each word with fontkit, which reverses Arabic-script runs by itself; anything else is
 * drawn as given. Right-to-left runs that are not Arabic script are neutrals (punctuation,
 * brackets between Arabic words): they come one character a piece, mirrored here ("(" is
 * drawn as ")"). Arabic-script runs at an even level (Arabic-Indic digits) are reversed
 * here so that fontkit's reversal undoes it.
 */
function drawnText(text: string, face: FaceName, level: number): string {
  const rtl = level % 2 === 1;
  if (isArabicFace(face)) return rtl ? text : reversed(text);
  return rtl ? reversed(mirrored(text)) : text;
}

/** Orders a line's pieces for display (UAX #9 rule L2) and gives each its x offset. */
function placeLine(pieces: Piece[]): number {
  const visual = [...pieces];
  const levels = visual.map((p) => p.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < visual.length;) {
      if (visual[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < visual.length && visual[end]!.level >= level) end++;
      const run = visual.slice(i, end).reverse();
      visual.splice(i, run.length, ...run);
      i = end;
    }
  }
  let x = 0;
  for (const piece of visual) {
    piece.x = x;
    x += piece.width;
  }
  return x;
}

/**
 * Breaks inline text into lines that fit `width`, then lays each line out in visual order
 * with the Unicode bidirectional algorithm (bidi-js), paragraph direction `direction`.
 * pdfkit alone would set an Arabic sentence word by word from left to right; here each
 * piece is placed where UAX #9 puts it, including Latin words and numbers inside Arabic.
 */
export function layoutLines(spans: readonly Span[], options: { width: number; direction: 'ltr' | 'rtl'; measure: Measure }): Line[] {
  const { width, direction, measure } = options;
  const lines = fill(wordsOf(atomsOf(spans), measure), width, measure);
  return lines.map((words) => {
    const atoms: Atom[] = words.flatMap((word, i) => (i < words.length - 1 && word.space ? [...word.atoms, word.space] : word.atoms));
    const text = atoms.map((a) => a.text).join('');
    const { levels } = bidi.getEmbeddingLevels(text, direction);
    const pieces: Piece[] = [];
    let offset = 0;
    for (const atom of atoms) {
      const chars = [...atom.text];
      // An atom may hold characters of different levels, e.g. "(PMI)" inside Arabic.
      for (let i = 0, at = offset; i < chars.length;) {
        const level = levels[at]!;
        let j = i;
        let end = at;
        while (j < chars.length && levels[end] === level) {
          end += chars[j]!.length;
          j++;
        }
        const run = chars.slice(i, j).join('');
        // Neutrals inside right-to-left text go one by one, each at its own place, so that
        // every piece keeps its logical order in the content stream (see drawnText).
        const split = level % 2 === 1 && !atom.space && !isArabicFace(atom.face);
        for (const text of split ? chars.slice(i, j) : [run]) {
          pieces.push({
            text,
            drawn: atom.space ? text : drawnText(text, atom.face, level),
            face: atom.face,
            width: text === atom.text ? measure(atom.face, atom.text) : measure(atom.face, text),
            x: 0,
            level,
            href: atom.href,
            space: atom.space,
          });
        }
        i = j;
        at = end;
      }
      offset += atom.text.length;
    }
    return { pieces, width: placeLine(pieces) };
  });
}
