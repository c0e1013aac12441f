import PDFDocument from 'pdfkit';
import type { Block, ListBlock, PdfDocumentSpec, Span, TableBlock } from './blocks.ts';
import { faceNames, fontBytes, type FaceName } from './fonts.ts';
import { layoutLines, type Line, type Measure } from './text-lines.ts';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

// A4 with wide margins; 12 pt body at 1.5 line height (1.75 for Arabic, whose marks stack
// above and below the letters); headings bold and larger.
const margin = { top: 64, bottom: 72, left: 64, right: 64 };
const bodySize = 12;
const headingSizes = { 1: 22, 2: 17, 3: 14.5, 4: 13, 5: 12, 6: 12 } as const;
const artifactSize = 10;
const colours = { text: '#111111', link: '#0b4fa8', muted: '#444444', rule: '#767676' };

interface TextStyle {
  size: number;
  /** Left edge and width of the column the text is set in. */
  left: number;
  width: number;
  colour: string;
  /** Cells of a table row are placed by the row, which never breaks inside. */
  keepOnPage?: boolean;
}

interface Rule {
  page: number;
  colour: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Renders blocks to a tagged PDF (PDF/UA-minded): a structure tree of Document > H1-H6, P,
 * L > LI > Lbl + LBody, Table > TR > TH/TD and Link (with its annotation), every piece of
 * text in marked content, and page furniture (running header, page numbers, link
 * underlines, table rules) marked as artifacts. Fonts are embedded and subset, so the
 * text is real text in any language the fonts cover.
 */
export function renderPdf(spec: PdfDocumentSpec): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: margin,
    pdfVersion: '1.7',
    tagged: true,
    lang: spec.lang,
    displayTitle: true,
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    bufferPages: true,
    // No default face: pdfkit's would be Helvetica, read from its own folder and embedded unused.
    font: '',
    // pdfkit fails on an undefined entry: a code without a summary has no Subject.
    info: { Title: spec.title, Author: spec.author, Creator: 'Redress', ...(spec.subject ? { Subject: spec.subject } : {}) },
  });
  for (const face of faceNames) doc.registerFont(face, fontBytes(face));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const rtl = spec.direction === 'rtl';
  const pageWidth = doc.page.width;
  const bottom = doc.page.height - margin.bottom;
  const contentWidth = pageWidth - margin.left - margin.right;
  const lineHeight = (size: number) => size * (rtl ? 1.75 : 1.5);
  const rules: Rule[] = [];
  let y = margin.top;

  const measureAt =
    (size: number): Measure =>
    (face: FaceName, text: string) =>
      doc.font(face).fontSize(size).widthOfString(text);
  const lay = (spans: readonly Span[], size: number, width: number) => layoutLines(spans, { width, direction: spec.direction, measure: measureAt(size) });
  const currentPage = () => {
    const range = doc.bufferedPageRange();
    return range.start + range.count - 1;
  };
  /** Starts a new page unless `height` still fits; inside marked content, pdfkit carries it over. */
  const ensure = (height: number) => {
    if (y + height <= bottom || y === margin.top) return;
    doc.continueOnNewPage();
    y = margin.top;
  };

  /**
   * Draws laid-out lines into `parent`, in logical order so that text extraction and
   * screen readers read the sentence as written; each run of linked text becomes a Link
   * element holding its marked content and its annotation. With no parent the text is
   * drawn as it is, for furniture inside an artifact.
   */
  const drawLines = (parent: Struct | null, lines: Line[], style: TextStyle) => {
    const height = lineHeight(style.size);
    const baseline = style.size * (rtl ? 1.25 : 1.1);
    type Event = { line: number } | { line: number; piece: Line['pieces'][number] };
    const events: Event[] = lines.flatMap((line, index) => [{ line: index }, ...line.pieces.filter((p) => !p.space).map((piece) => ({ line: index, piece }))]);
    const segments: { href?: string; events: Event[] }[] = [];
    for (const event of events) {
      const href = 'piece' in event ? event.piece.href : segments.at(-1)?.href;
      const last = segments.at(-1);
      if (last && last.href === href) last.events.push(event);
      else segments.push({ href, events: [event] });
    }
    let lineTop = y;
    let lineIndex = -1;
    const startLine = (index: number) => {
      if (lineIndex >= 0) y += height;
      if (!style.keepOnPage) ensure(height);
      lineTop = y;
      lineIndex = index;
    };
    const originOf = (index: number) => (rtl ? style.left + style.width - lines[index]!.width : style.left);
    const drawEvents = (segment: { href?: string; events: Event[] }, link?: Struct) => {
      let span: { x1: number; x2: number } | null = null;
      const closeLink = () => {
        if (!link || !span || !segment.href) return;
        doc.link(span.x1, lineTop, span.x2 - span.x1, height, segment.href, { structParent: link, Contents: new String(segment.href) } as object);
        rules.push({ page: currentPage(), colour: colours.link, x1: span.x1, x2: span.x2, y1: lineTop + baseline + 1.5, y2: lineTop + baseline + 1.5 });
        span = null;
      };
      for (const event of segment.events) {
        if (!('piece' in event)) {
          closeLink();
          startLine(event.line);
          continue;
        }
        const { piece } = event;
        const x = originOf(event.line) + piece.x;
        // Right-to-left pieces carry their logical text as ActualText, for screen readers
        // and copying: Arabic words (drawn in visual order, with marks that pdf.js would
        // otherwise hang on the word before) and mirrored brackets (drawn as their twin).
        const actual = piece.face.startsWith('arabic') || piece.drawn !== piece.text;
        if (actual) doc.markContent('Span', { actual: piece.text });
        doc
          .font(piece.face)
          .fontSize(style.size)
          .fillColor(piece.href ? colours.link : style.colour)
          .text(piece.drawn, x, lineTop + baseline, { lineBreak: false, baseline: 'alphabetic' });
        if (actual) doc.endMarkedContent();
        span = span ? { x1: Math.min(span.x1, x), x2: Math.max(span.x2, x + piece.width) } : { x1: x, x2: x + piece.width };
      }
      closeLink();
    };
    for (const segment of segments) {
      if (!parent) {
        drawEvents(segment);
      } else if (segment.href) {
        const link = doc.struct('Link');
        parent.add(link);
        link.add(() => drawEvents(segment, link));
        link.end();
      } else {
        parent.add(() => drawEvents(segment));
      }
    }
    y = (lineIndex >= 0 ? lineTop : y) + height;
  };

  const text = (parent: Struct, type: string, spans: readonly Span[], style: TextStyle) => {
    const element = doc.struct(type);
    parent.add(element);
    drawLines(element, lay(spans, style.size, style.width), style);
    element.end();
    return element;
  };

  const body = (extra: Partial<TextStyle> = {}): TextStyle => ({ size: bodySize, left: margin.left, width: contentWidth, colour: colours.text, ...extra });

  const list = (parent: Struct, block: ListBlock, left: number, width: number) => {
    const indent = bodySize * 2;
    const element = doc.struct('L');
    parent.add(element);
    block.items.forEach((item, index) => {
      const li = doc.struct('LI');
      element.add(li);
      const lines = lay(item.spans, bodySize, width - indent);
      ensure(lineHeight(bodySize));
      const top = y;
      const label = block.ordered ? `${index + 1}.` : '•';
      const labelLines = lay([{ text: label }], bodySize, indent - 6);
      const labelLeft = rtl ? left + width - indent + 6 : left + indent - 6 - labelLines[0]!.width;
      // The label sits beside the first line of the body: drawn there, then the body from the same top.
      const lbl = doc.struct('Lbl');
      li.add(lbl);
      drawLines(lbl, labelLines, body({ left: labelLeft, width: labelLines[0]!.width, keepOnPage: true }));
      lbl.end();
      y = top;
      const lbody = doc.struct('LBody');
      li.add(lbody);
      drawLines(lbody, lines, body({ left: rtl ? left : left + indent, width: width - indent }));
      if (item.list) list(lbody, item.list, rtl ? left : left + indent, width - indent);
      lbody.end();
      li.end();
      y += bodySize * 0.3;
    });
    element.end();
  };

  const table = (parent: Struct, block: TableBlock) => {
    const pad = 5;
    const columns = Math.max(block.header?.length ?? 0, ...block.rows.map((r) => r.length));
    if (columns === 0) return;
    const element = doc.struct('Table');
    parent.add(element);
    if (block.caption) text(element, 'Caption', [{ text: block.caption, bold: true }], body());
    const widths = columnWidths(block, columns, contentWidth, pad, measureAt(bodySize));
    const xOf = (column: number) => {
      const before = widths.slice(0, column).reduce((a, b) => a + b, 0);
      return rtl ? margin.left + contentWidth - before - widths[column]! : margin.left + before;
    };
    const cellLines = (cells: string[], header: boolean) =>
      Array.from({ length: columns }, (_, c) => lay([{ text: cells[c] ?? '', bold: header }], bodySize, widths[c]! - 2 * pad));
    const rowHeight = (lines: Line[][]) => Math.max(...lines.map((l) => l.length)) * lineHeight(bodySize) + 2 * pad;
    const rowRules = (top: number, height: number) => {
      for (let c = 0; c < columns; c++) {
        const x = xOf(c);
        const w = widths[c]!;
        const rule = { page: currentPage(), colour: colours.rule };
        rules.push({ ...rule, x1: x, y1: top, x2: x + w, y2: top }, { ...rule, x1: x, y1: top + height, x2: x + w, y2: top + height });
        rules.push({ ...rule, x1: x, y1: top, x2: x, y2: top + height }, { ...rule, x1: x + w, y1: top, x2: x + w, y2: top + height });
      }
    };
    const headerLines = block.header ? cellLines(block.header, true) : null;
    const row = (cells: Line[][], header: boolean, tagged: boolean) => {
      const height = rowHeight(cells);
      const top = y;
      const tr = tagged ? doc.struct('TR') : null;
      if (tr) element.add(tr);
      cells.forEach((lines, c) => {
        y = top + pad;
        const style = body({ left: xOf(c) + pad, width: widths[c]! - 2 * pad, keepOnPage: true });
        if (tr) {
          const cell = doc.struct(header ? 'TH' : 'TD', (header ? { scope: 'Column' } : {}) as object);
          tr.add(cell);
          drawLines(cell, lines, style);
          cell.end();
        } else {
          // A header repeated on a continuation page is furniture: the tree has it once.
          doc.markContent('Artifact', { type: 'Pagination' });
          drawLines(null, lines, style);
          doc.endMarkedContent();
        }
      });
      tr?.end();
      rowRules(top, height);
      y = top + height;
    };
    if (headerLines) {
      ensure(rowHeight(headerLines) + lineHeight(bodySize) * 2);
      row(headerLines, true, true);
    }
    for (const cells of block.rows) {
      const lines = cellLines(cells, false);
      const height = rowHeight(lines);
      if (y + height > bottom && y !== margin.top) {
        doc.continueOnNewPage();
        y = margin.top;
        if (headerLines) row(headerLines, true, false);
      }
      row(lines, false, true);
    }
    element.end();
    y += bodySize;
  };

  const root = doc.struct('Document');
  doc.addStructure(root);
  spec.blocks.forEach((block, index) => renderBlock(block, index));
  root.end();

  /** The room a heading needs on its page: itself, any headings straight after it, two lines. */
  function keepWithNext(index: number): number {
    let height = lineHeight(bodySize) * 2;
    for (let i = index; i < spec.blocks.length; i++) {
      const block = spec.blocks[i]!;
      if (block.type !== 'heading') break;
      const size = headingSizes[block.level];
      height +=
        lay(
          block.spans.map((s) => ({ ...s, bold: true })),
          size,
          contentWidth,
        ).length *
          lineHeight(size) +
        size * 1.1;
    }
    return height;
  }

  function renderBlock(block: Block, index: number) {
    switch (block.type) {
      case 'heading': {
        const size = headingSizes[block.level];
        y += block.level === 1 ? 0 : size * 0.8;
        // Keep a heading with the first lines of what follows it.
        ensure(keepWithNext(index));
        text(
          root,
          `H${block.level}`,
          block.spans.map((s) => ({ ...s, bold: true })),
          body({ size }),
        );
        y += size * 0.3;
        return;
      }
      case 'paragraph':
        text(root, 'P', block.spans, body(block.emphasis === 'meta' ? { colour: colours.muted } : {}));
        y += bodySize * 0.6;
        return;
      case 'list':
        list(root, block, margin.left, contentWidth);
        y += bodySize * 0.4;
        return;
      case 'table':
        table(root, block);
        return;
    }
  }

  drawFurniture(doc, spec, rules, lay);
  mapLigaturesInVisualOrder(doc);
  doc.end();
  return done;
}

/** Column widths: each at least its longest word, the rest shared by how much text it holds. */
function columnWidths(block: TableBlock, columns: number, total: number, pad: number, measure: Measure): number[] {
  const rows = [...(block.header ? [block.header] : []), ...block.rows];
  const longestWord = Array.from({ length: columns }, () => 0);
  const natural = Array.from({ length: columns }, () => 0);
  for (const row of rows) {
    for (let c = 0; c < columns; c++) {
      const cell = row[c] ?? '';
      for (const word of cell.split(/\s+/)) longestWord[c] = Math.max(longestWord[c]!, measure('sansBold', word) + 2 * pad);
      for (const line of cell.split('\n')) natural[c] = Math.max(natural[c]!, measure('sans', line) + 2 * pad);
    }
  }
  const minimum = longestWord.map((w) => Math.min(w, total / columns));
  const spare = total - minimum.reduce((a, b) => a + b, 0);
  const wish = natural.map((n, c) => Math.max(0, n - minimum[c]!));
  const wished = wish.reduce((a, b) => a + b, 0);
  return minimum.map((m, c) => m + (wished > 0 ? (spare * wish[c]!) / wished : spare / columns));
}

/** Running header, page numbers, link underlines and table rules, all marked as artifacts. */
function drawFurniture(doc: Doc, spec: PdfDocumentSpec, rules: Rule[], lay: (spans: readonly Span[], size: number, width: number) => Line[]) {
  const { start, count } = doc.bufferedPageRange();
  const width = doc.page.width - margin.left - margin.right;
  const oneLine = (text: string) => {
    const lines = lay([{ text }], artifactSize, width);
    return lines.length === 1 ? lines[0] : undefined;
  };
  const drawArtifactLine = (line: Line | undefined, top: number) => {
    // Furniture that does not fit on one line is left out rather than cut.
    if (!line) return;
    const origin = margin.left + (width - line.width) / 2;
    for (const piece of line.pieces) {
      if (piece.space) continue;
      doc
        .font(piece.face)
        .fontSize(artifactSize)
        .fillColor(colours.muted)
        .text(piece.drawn, origin + piece.x, top, { lineBreak: false, baseline: 'alphabetic' });
    }
  };
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    doc.markContent('Artifact', { type: 'Pagination' });
    if (page > start && spec.runningHeader) drawArtifactLine(oneLine(spec.runningHeader), margin.top / 2 + 4);
    drawArtifactLine(oneLine(spec.pageLabel(page - start + 1, count)), doc.page.height - margin.bottom / 2);
    doc.endMarkedContent();
    const own = rules.filter((r) => r.page === page);
    if (own.length) {
      doc.markContent('Artifact', { type: 'Layout' });
      doc.save().lineWidth(0.75);
      for (const r of own) doc.strokeColor(r.colour).moveTo(r.x1, r.y1).lineTo(r.x2, r.y2).stroke();
      doc.restore();
      doc.endMarkedContent();
    }
  }
}

/**
 * Arabic ligatures (lam-alef) stand for two letters. pdfkit maps such a glyph to its letters
 * in logical order, but everything else in a right-to-left run is in visual order (that is
 * how it is drawn), and readers (pdf.js, screen readers through their PDF engines) turn a
 * run back by reversing it character by character: "الأصلي" would come out as "األصلي".
 * Mapped in visual order too, the reversal gives the letters as written. This reaches into
 * pdfkit's fonts before they are written; test/pdf checks the text that comes back out.
 */
function mapLigaturesInVisualOrder(doc: Doc) {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { unicode?: number[][] }> })._fontFamilies ?? {};
  const rightToLeft = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
  // A font is listed under its alias and its PostScript name: turn each one once.
  for (const font of new Set(Object.values(fonts))) {
    const unicode = font.unicode;
    if (!Array.isArray(unicode)) continue;
    for (let gid = 0; gid < unicode.length; gid++) {
      const codePoints = unicode[gid];
      if (codePoints && codePoints.length > 1 && codePoints.every((c) => rightToLeft.test(String.fromCodePoint(c)))) {
        unicode[gid] = [...codePoints].reverse();
      }
    }
  }
}
