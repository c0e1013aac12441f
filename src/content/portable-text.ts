import { escapeHTML, toHTML, uriLooksSafe, type PortableTextHtmlComponents } from '@portabletext/to-html';

interface TableValue {
  caption?: string;
  headerRow?: boolean;
  rows?: { cells?: string[] }[];
}

const cell = (tag: 'th' | 'td', text: string, scope?: string) =>
  `<${tag}${scope ? ` scope="${scope}"` : ''}>${escapeHTML(text ?? '').replace(/\n/g, '<br>')}</${tag}>`;

/** A table with a caption and, when the editor marked one, a header row of column headers. */
function renderTable(value: TableValue): string {
  const rows = value.rows ?? [];
  const [first, ...rest] = rows;
  const head = value.headerRow && first ? `<thead><tr>${(first.cells ?? []).map((c) => cell('th', c, 'col')).join('')}</tr></thead>` : '';
  const bodyRows = value.headerRow ? rest : rows;
  const body = bodyRows.map((row) => `<tr>${(row.cells ?? []).map((c) => cell('td', c)).join('')}</tr>`).join('');
  const caption = value.caption ? `<caption>${escapeHTML(value.caption)}</caption>` : '';
  // The wrapper scrolls a wide table on a narrow screen instead of the whole page (WCAG reflow).
  return `<div class="table-scroll" role="region" aria-label="${escapeHTML(value.caption ?? 'Table')}" tabindex="0"><table>${caption}${head}<tbody>${body}</tbody></table></div>`;
}

const components: Partial<PortableTextHtmlComponents> = {
  block: {
    // Headings carry ids so that the code's table of contents can link to them.
    h2: ({ children, value }) => `<h2 id="s-${escapeHTML(String(value._key))}">${children}</h2>`,
    h3: ({ children, value }) => `<h3 id="s-${escapeHTML(String(value._key))}">${children}</h3>`,
  },
  types: {
    table: ({ value }) => renderTable(value as TableValue),
  },
  marks: {
    link: ({ children, value }) => {
      const href = String((value as { href?: string })?.href ?? '');
      // Only web, mail and phone links: a javascript: URL in content must never reach a page.
      if (!href || !uriLooksSafe(href) || !/^(https?:|mailto:|tel:|\/|#)/i.test(href)) return children;
      return `<a href="${escapeHTML(href)}">${children}</a>`;
    },
  },
  // Anything unknown is dropped quietly rather than breaking the page.
  unknownType: () => '',
  unknownMark: ({ children }) => children,
};

/**
 * Renders a complaints code's Portable Text to semantic HTML (headings, paragraphs, lists,
 * tables). Text is escaped; links are limited to safe schemes.
 */
export function portableTextToHtml(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return toHTML(blocks as never, { components, onMissingComponent: false });
}

/** The headings of a body, for a table of contents: id, level and text. */
export function headingsOf(blocks: unknown): { id: string; level: number; text: string }[] {
  if (!Array.isArray(blocks)) return [];
  return blocks
    .filter((b) => b?._type === 'block' && /^h[2-3]$/.test(b.style))
    .map((b) => ({
      id: `s-${b._key}`,
      level: Number(String(b.style).slice(1)),
      text: (b.children ?? []).map((c: { text?: string }) => c.text ?? '').join(''),
    }));
}
