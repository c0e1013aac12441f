/** The attributes of the <html> element of a page. */
export function htmlAttributes(html: string): { lang?: string; dir?: string } {
  const tag = html.match(/<html\b[^>]*>/i)?.[0] ?? '';
  return {
    lang: tag.match(/\blang="([^"]*)"/)?.[1],
    dir: tag.match(/\bdir="([^"]*)"/)?.[1],
  };
}

/** The visible text of a page, roughly: tags removed, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return (
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      // The narrow no-break space of French typography is part of the text the UI strings hold.
      .replace(/[^\S\u202f]+/g, ' ')
      .trim()
  );
}
