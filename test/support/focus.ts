import type { Page } from 'playwright-core';

export interface FocusIndicator {
  /** What has the focus: tag, id or name, and text, for messages. */
  element: string;
  /** The focused element matches :focus-visible (the keyboard's focus style applies). */
  focusVisible: boolean;
  outline: { style: string; width: number; color: string };
  /** The widest spread of a box-shadow ring, and its colour. */
  ring: { spread: number; color: string };
  background: string;
  /** Contrast against the background behind the element: of the outline, of the ring. */
  outlineContrast: number;
  ringContrast: number;
  /** A 2 px or thicker indicator with at least 3:1 against what is behind it (WCAG 2.4.7, 2.4.11, 2.4.13). */
  visible: boolean;
  /** The focused element lies inside the viewport (scrolled into view). */
  inViewport: boolean;
}

/**
 * Measures the focus indicator of the element that has the keyboard focus: the outline and
 * any box-shadow ring the :focus-visible style gives it, and their contrast against the
 * first opaque background behind it. Runs in the page, so it sees the computed styles.
 */
export function focusIndicator(page: Page): Promise<FocusIndicator | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return null;
    const parse = (color: string): [number, number, number, number] => {
      const m = color.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, color === 'transparent' ? 0 : 1];
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const luminance = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const contrast = (a: string, b: string) => {
      const [la, lb] = [luminance(parse(a)), luminance(parse(b))];
      return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    };
    // What is behind the indicator: the element's parent chain's first opaque background.
    let background = 'rgb(255, 255, 255)';
    for (let node = element.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (parse(bg)[3] > 0.5) {
        background = bg;
        break;
      }
    }
    const style = getComputedStyle(element);
    const outline = { style: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0, color: style.outlineColor };
    let ring = { spread: 0, color: 'transparent' };
    for (const shadow of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const color = shadow.match(/rgba?\([^)]+\)/)?.[0] ?? 'transparent';
      const lengths =
        shadow
          .replace(/rgba?\([^)]+\)/, '')
          .match(/-?[\d.]+px/g)
          ?.map(parseFloat) ?? [];
      const spread = lengths[3] ?? 0;
      if (!shadow.includes('inset') && spread > ring.spread && parse(color)[3] > 0.5) ring = { spread, color };
    }
    const outlineContrast = outline.style !== 'none' && outline.width > 0 ? contrast(outline.color, background) : 0;
    const ringContrast = ring.spread > 0 ? contrast(ring.color, background) : 0;
    const box = element.getBoundingClientRect();
    const name = element.id ? `#${element.id}` : element.getAttribute('name') ? `[name=${element.getAttribute('name')}]` : '';
    return {
      element: `${element.tagName.toLowerCase()}${name} "${(element.innerText || (element as HTMLInputElement).value || '').trim().slice(0, 40)}"`,
      focusVisible: element.matches(':focus-visible'),
      outline,
      ring,
      background,
      outlineContrast,
      ringContrast,
      visible: (outline.width >= 2 && outlineContrast >= 3) || (ring.spread >= 2 && ringContrast >= 3),
      inViewport: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    };
  });
}
