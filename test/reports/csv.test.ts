import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '#src/reports/index.ts';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hello"', '"say ""hello"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', ''],
  ])('quotes %j as RFC 4180 says', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['a=b', 'a=b'],
  ])('stops a spreadsheet from running %j as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes dates in ISO 8601, booleans as yes/no, numbers as they are and nothing for null', () => {
    expect(csvCell(new Date('2025-03-03T10:00:00Z'))).toBe('2025-03-03T10:00:00.000Z');
    expect([csvCell(true), csvCell(false)]).toEqual(['yes', 'no']);
    expect(csvCell(-5)).toBe('-5');
    expect([csvCell(null), csvCell(undefined)]).toEqual(['', '']);
  });
});

describe('toCsv', () => {
  const columns = [
    { key: 'name', label: 'name' },
    { key: 'note', label: 'note, free text' },
  ] as const;

  it('writes a header and one CRLF-ended line per row, columns in the order given', () => {
    const csv = toCsv(
      [
        { note: '=cmd', name: 'A' },
        { name: 'B', note: null },
      ],
      columns,
    );
    expect(csv).toBe(`name,"note, free text"\r\nA,'=cmd\r\nB,\r\n`);
  });

  it('writes the header alone when there are no rows', () => {
    expect(toCsv([], columns)).toBe('name,"note, free text"\r\n');
  });
});
