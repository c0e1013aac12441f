import { describe, expect, it } from 'vitest';
import { layoutLines, type Line, type Measure } from '#src/pdf/text-lines.ts';

// Every character one unit wide: positions are then easy to reason about.
const measure: Measure = (_face, text) => [...text].length;
const visual = (line: Line) => [...line.pieces].sort((a, b) => a.x - b.x).filter((p) => !p.space);

describe('laying out a line of mixed-direction text', () => {
  it('puts Arabic words right to left, with a Latin name and a number left to right inside', () => {
    const [line, ...rest] = layoutLines([{ text: 'اتصلوا بـ Opex على 0800 123' }], { width: 100, direction: 'rtl', measure });
    expect(rest).toHaveLength(0);
    // Logical order is kept for the content stream; the visual order comes from the x offsets.
    expect(line!.pieces.filter((p) => !p.space).map((p) => p.text)).toEqual(['اتصلوا', 'بـ', 'Opex', 'على', '0800', '123']);
    // UAX #9 (N1) lets the space between two numbers take the paragraph's direction, so the
    // groups of "0800 123" run right to left, each left to right: a browser shows it so too.
    expect(visual(line!).map((p) => p.text)).toEqual(['123', '0800', 'على', 'Opex', 'بـ', 'اتصلوا']);
    expect(line!.width).toBe(27);
  });

  it('mirrors a bracket between Arabic words and sets Arabic in the Arabic face', () => {
    const [line] = layoutLines([{ text: 'معهد (PMI) الخاص' }], { width: 100, direction: 'rtl', measure });
    const pieces = visual(line!);
    expect(pieces.map((p) => p.drawn)).toEqual(['الخاص', '(', 'PMI', ')', 'معهد']);
    expect(pieces.map((p) => p.text)).toEqual(['الخاص', ')', 'PMI', '(', 'معهد']);
    expect(pieces.filter((p) => p.face === 'arabic').map((p) => p.text)).toEqual(['الخاص', 'معهد']);
  });

  it('wraps at spaces, keeps links and bold on their pieces, and honours hard line breaks', () => {
    const lines = layoutLines(
      [{ text: 'Write to ' }, { text: 'support@example.org', href: 'mailto:support@example.org' }, { text: ' or\nphone us', bold: true }],
      { width: 20, direction: 'ltr', measure },
    );
    expect(
      lines.map((l) =>
        l.pieces
          .filter((p) => !p.space)
          .map((p) => p.text)
          .join(' '),
      ),
    ).toEqual(['Write to', 'support@example.org', 'or', 'phone us']);
    expect(lines[1]!.pieces[0]!.href).toBe('mailto:support@example.org');
    expect(lines[2]!.pieces[0]!.face).toBe('sansBold');
    expect(lines.every((l) => l.width <= 20)).toBe(true);
  });

  it('cuts a word longer than the line', () => {
    const lines = layoutLines([{ text: 'https://example.org/a/very/long/address' }], { width: 10, direction: 'ltr', measure });
    expect(lines.map((l) => l.pieces.map((p) => p.text).join(''))).toEqual(['https://ex', 'ample.org/', 'a/very/lon', 'g/address']);
  });
});
