/**
 * A tiny HTML builder for mail: every interpolated value is escaped unless it is already
 * `SafeHtml` (built by `html` itself or by `raw` for markup we wrote). Templates never
 * concatenate strings into markup, so a payload value cannot inject HTML.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Escapes text for an HTML element body or a double-quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Markup that we wrote ourselves and that must not be escaped again. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` stays as is. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Text with line breaks (a postal address) as escaped lines joined by <br>. */
export function lines(value: string): SafeHtml {
  return new SafeHtml(
    value
      .split(/\r?\n/)
      .map((line) => escapeHtml(line.trim()))
      .filter(Boolean)
      .join('<br>'),
  );
}
