import type { Block, ListBlock, Span } from './blocks.ts';

interface PtSpan {
  _type?: string;
  text?: string;
  marks?: string[];
}
interface PtBlock {
  _type?: string;
  _key?: string;
  style?: string;
  listItem?: string;
  level?: number;
  children?: PtSpan[];
  markDefs?: { _key?: string; _type?: string; href?: string }[];
  caption?: string;
  headerRow?: boolean;
  rows?: { cells?: string[] }[];
}

/**
 * A link target a PDF reader can follow: web, mail and phone addresses, and the site's own
 * paths made absolute (a PDF has no base address). Anything else (javascript:, in-page
 * anchors) keeps its text and loses the link.
 */
function linkTarget(href: unknown, baseUrl: string): string | undefined {
  if (typeof href !== 'string') return undefined;
  const value = href.trim();
  if (/^(https?:\/\/|mailto:|tel:)[^\s]+$/i.test(value)) return value;
  if (/^\/(?!\/)\S*$/.test(value)) return `${baseUrl}${value}`;
  return undefined;
}

function spansOf(block: PtBlock, baseUrl: string): Span[] {
  const links = new Map((block.markDefs ?? []).filter((d) => d._type === 'link' && d._key).map((d) => [d._key!, linkTarget(d.href, baseUrl)]));
  return (block.children ?? [])
    .filter((child) => child._type === 'span' || child._type === undefined)
    .map((child) => {
      const marks = child.marks ?? [];
      const href = marks.map((m) => links.get(m)).find((h) => h !== undefined);
      return { text: child.text ?? '', bold: marks.includes('strong') || undefined, italic: marks.includes('em') || undefined, href };
    });
}

/**
 * Portable Text (the complaints code's body) as PDF blocks: headings h2-h6, paragraphs,
 * bulleted and numbered lists (nested by level) and tables. Unknown types are left out,
 * as the web page leaves them out.
 */
export function portableTextBlocks(body: unknown, options: { baseUrl: string }): Block[] {
  if (!Array.isArray(body)) return [];
  const blocks: Block[] = [];
  // The open lists, outermost first, while consecutive list items arrive.
  let lists: ListBlock[] = [];
  for (const block of body as PtBlock[]) {
    if (block?._type === 'block' && block.listItem) {
      const level = Math.max(1, block.level ?? 1);
      const ordered = block.listItem === 'number';
      lists = lists.slice(0, level);
      while (lists.length < level) {
        const list: ListBlock = { type: 'list', ordered, items: [] };
        const parent = lists.at(-1);
        if (parent) {
          const last = parent.items.at(-1) ?? (parent.items.push({ spans: [] }), parent.items.at(-1)!);
          last.list = list;
        } else blocks.push(list);
        lists.push(list);
      }
      const current = lists.at(-1)!;
      if (current.ordered !== ordered && current.items.length > 0) {
        // A bulleted list followed straight by a numbered one (or back) is a new list.
        const list: ListBlock = { type: 'list', ordered, items: [] };
        if (lists.length === 1) blocks.push(list);
        else lists.at(-2)!.items.at(-1)!.list = list;
        lists[lists.length - 1] = list;
      }
      lists.at(-1)!.items.push({ spans: spansOf(block, options.baseUrl) });
      continue;
    }
    lists = [];
    if (block?._type === 'block') {
      const heading = /^h([2-6])$/.exec(block.style ?? '');
      const spans = spansOf(block, options.baseUrl);
      if (heading) blocks.push({ type: 'heading', level: Number(heading[1]) as 2 | 3 | 4 | 5 | 6, spans });
      else blocks.push({ type: 'paragraph', spans });
    } else if (block?._type === 'table') {
      const rows = (block.rows ?? []).map((row) => (row.cells ?? []).map((cell) => String(cell ?? '')));
      const [first, ...rest] = rows;
      blocks.push({
        type: 'table',
        caption: block.caption || undefined,
        ...(block.headerRow && first ? { header: first, rows: rest } : { rows }),
      });
    }
  }
  return blocks;
}
