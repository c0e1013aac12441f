import { dir } from '../../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * The frame every mail shares. Mail clients drop <style> blocks and external CSS, so
 * styles are inline; colours keep well above WCAG AA contrast (#0b0c0c on white, links
 * #1d4ed8); no images, so nothing is lost when a client blocks them; `lang` and `dir` are
 * set on <html> and again on the wrapper, because some clients keep only the body.
 */
export const style = {
  body: 'margin:0;padding:0;background-color:#ffffff;color:#0b0c0c;',
  wrapper:
    'max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;background-color:#ffffff;',
  h1: 'margin:0 0 16px;font-size:26px;line-height:1.25;font-weight:bold;color:#0b0c0c;',
  h2: 'margin:32px 0 8px;font-size:20px;line-height:1.3;font-weight:bold;color:#0b0c0c;',
  p: 'margin:0 0 16px;',
  box: 'margin:0 0 24px;padding:16px;border:2px solid #0b0c0c;background-color:#f3f2f1;',
  dt: 'margin:0;font-weight:bold;',
  dd: 'margin:0 0 12px;font-size:22px;font-weight:bold;font-family:Consolas,Menlo,monospace;letter-spacing:1px;',
  link: 'color:#1d4ed8;text-decoration:underline;',
  list: 'margin:0 0 16px;padding-inline-start:24px;',
  small: 'margin:32px 0 0;padding-top:16px;border-top:1px solid #b1b4b6;font-size:14px;color:#3b3b3b;',
} as const;

export interface DocumentParts {
  language: string;
  /** The document title: the subject. */
  title: string;
  body: SafeHtml;
  footer?: string;
}

/** A whole HTML mail around `body`. */
export function mailDocument({ language, title, body, footer }: DocumentParts): string {
  const direction = dir(language);
  return html`<!DOCTYPE html>
    <html lang="${language}" dir="${direction}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>${title}</title>
      </head>
      <body style="${style.body}">
        <div lang="${language}" dir="${direction}" style="${style.wrapper}">${body} ${footer ? html`<p style="${style.small}">${footer}</p>` : ''}</div>
      </body>
    </html> `.value;
}

/**
 * A finished mail: the HTML document around `body`, and the plain text from its lines with
 * the same footer as a signature. Every template ends here, so both parts always agree.
 */
export function finishedMail(parts: { language: string; subject: string; body: SafeHtml; textLines: readonly string[]; footer: string }) {
  const { language, subject, body, textLines, footer } = parts;
  return {
    subject,
    html: mailDocument({ language, title: subject, body, footer }),
    text: [...textLines, '', '--', footer, ''].join('\n'),
  };
}

/** A link whose address is shown as is when the text is the address itself. */
export function link(href: string, text: string): SafeHtml {
  return html`<a href="${href}" style="${style.link}">${text}</a>`;
}

/** Plain-text heading: the line, then a rule as long as the line. */
export function textHeading(text: string, rule = '-'): string {
  return `${text}\n${rule.repeat(Math.max(3, [...text].length))}`;
}
