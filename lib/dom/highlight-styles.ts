// The highlighter's look: one palette per style key (entity types, note colours),
// light and dark variants, and the stylesheet that paints ::highlight() and the
// accessible-mode marks, attached without touching the page's DOM where possible.

import { ENTITY_PALETTE, NOTE_PALETTE } from '../ui/palette';
import { cssIdent } from './guard';

export const HIGHLIGHT_PREFIX = 'csto-lens-';
/** The element that wraps a mention in accessible mode. */
export const MARK_TAG = 'csto-lens-mark';

/** Name under which a style key is registered in CSS.highlights ("person" -> "csto-lens-person"). */
export function highlightName(style: string): string {
  return HIGHLIGHT_PREFIX + cssIdent(style);
}

type Rgb = readonly [number, number, number];
interface Palette {
  light: Rgb;
  dark: Rgb;
  /** Notes are painted as a solid marker, entities as a lighter tint (plus an underline in wrap mode). */
  kind: 'entity' | 'note';
}

const hex = (h: string): Rgb => {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

export const STYLE_PALETTE: Record<string, Palette> = {};
for (const [k, [l, d]] of Object.entries(ENTITY_PALETTE)) {
  STYLE_PALETTE[k] = { light: hex(l), dark: hex(d), kind: 'entity' };
}
for (const [k, [l, d]] of Object.entries(NOTE_PALETTE)) {
  STYLE_PALETTE[`note-${k}`] = { light: hex(l), dark: hex(d), kind: 'note' };
}

function paletteFor(style: string): Palette {
  const known = STYLE_PALETTE[style];
  if (known) return known;
  // Unknown key: a stable colour from its name.
  let h = 0;
  for (let i = 0; i < style.length; i++) h = (h * 31 + style.charCodeAt(i)) >>> 0;
  const hue = h % 360;
  const rgb = (l: number): Rgb => {
    // hsl(hue, 70%, l) to rgb
    const s = 0.7;
    const a = s * Math.min(l, 1 - l);
    const f = (n: number): number => {
      const k = (n + hue / 30) % 12;
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  };
  return { light: rgb(0.42), dark: rgb(0.68), kind: style.startsWith('note') ? 'note' : 'entity' };
}

const rgba = ([r, g, b]: Rgb, a: number): string => `rgb(${r} ${g} ${b} / ${a})`;

/**
 * ::highlight() paints a tint only. A text-decoration on a highlight makes Firefox repaint every
 * highlighted line at each change of the highlights (50-70 ms a frame on a 200,000-word page,
 * against 3-6 ms for a tint or a text colour): entities get a stronger tint instead of an underline.
 */
function highlightDeclarations(p: Palette, dark: boolean): string {
  const c = dark ? p.dark : p.light;
  if (p.kind === 'note') return `background-color:${rgba(c, dark ? 0.45 : 0.5)};`;
  return `background-color:${rgba(c, dark ? 0.34 : 0.22)};`;
}

/** Wrap-mode marks are elements: an underline costs nothing there, and tells entities from notes. */
function markDeclarations(p: Palette, dark: boolean): string {
  const c = dark ? p.dark : p.light;
  if (p.kind === 'note') return highlightDeclarations(p, dark);
  return (
    `background-color:${rgba(c, dark ? 0.28 : 0.16)};` +
    `text-decoration-line:underline;text-decoration-style:solid;` +
    `text-decoration-color:${rgba(c, 0.9)};text-decoration-thickness:2px;`
  );
}

/**
 * Name of part `n` of a style's highlight. A style with many ranges is drawn as several
 * Highlight objects of at most SHARD_RANGES ranges each (see Highlighter): part 0 is
 * highlightName(style), part 1 "csto-lens-person--1", and so on.
 */
export function shardName(style: string, n: number): string {
  return n === 0 ? highlightName(style) : `${highlightName(style)}--${n}`;
}

/** ::highlight() selectors of a style's first `shards` parts. */
function highlightSelectors(style: string, shards: number): string {
  const out: string[] = [];
  for (let n = 0; n < Math.max(1, shards); n++) out.push(`::highlight(${shardName(style, n)})`);
  return out.join(',');
}

/** CSS for one style key, both as ::highlight() (its first `shards` parts) and as wrap-mode marks. */
export function styleCss(style: string, shards = 1): string {
  const p = paletteFor(style);
  const id = cssIdent(style);
  const sel = highlightSelectors(style, shards);
  const mark = `${MARK_TAG}[data-type="${id}"]`;
  return (
    `${sel}{${highlightDeclarations(p, false)}}\n${mark}{${markDeclarations(p, false)}}\n` +
    `@media (prefers-color-scheme: dark){${sel}{${highlightDeclarations(p, true)}}${mark}{${markDeclarations(p, true)}}}\n`
  );
}

/** Base CSS: wrap-mode marks must not change layout; forced-colors uses system colours. */
export const BASE_CSS =
  `${MARK_TAG}{display:inline;margin:0;padding:0;border:0;font:inherit;color:inherit;` +
  `text-decoration-skip-ink:auto;text-underline-offset:2px;border-radius:2px;}\n` +
  `@media (forced-colors: active){${MARK_TAG}{background-color:Mark;color:MarkText;forced-color-adjust:none;}}\n` +
  // The keyboard's place: a focused mark (accessible mode), the focus highlight (Highlight API).
  `${MARK_TAG}[tabindex]:focus{outline:2px solid Highlight;outline-offset:1px;}\n` +
  `::highlight(${HIGHLIGHT_PREFIX}focus){background-color:Highlight;color:HighlightText;}\n`;

function forcedColorsCss(styles: Iterable<string>, shards: ReadonlyMap<string, number>): string {
  const sels = [...styles].map((s) => highlightSelectors(s, shards.get(s) ?? 1));
  return sels.length
    ? `@media (forced-colors: active){${sels.join(',')}{background-color:Mark;color:MarkText;}}\n`
    : '';
}

/** The complete stylesheet for a set of style keys (all known keys by default); `shards`:
 *  how many highlight parts a style has, where more than one. */
export function buildCss(styles: Iterable<string> = Object.keys(STYLE_PALETTE), shards: ReadonlyMap<string, number> = new Map()): string {
  const list = [...new Set(styles)];
  return BASE_CSS + list.map((s) => styleCss(s, shards.get(s) ?? 1)).join('') + forcedColorsCss(list, shards);
}

/**
 * One stylesheet per Highlighter: a constructed sheet adopted by the document where
 * possible (no DOM mutation, not subject to inline-style CSP), else a single
 * <style data-csto-lens> element.
 */
export class StyleInjector {
  private readonly styles = new Set<string>(Object.keys(STYLE_PALETTE));
  private readonly shards = new Map<string, number>();
  private sheet: CSSStyleSheet | null = null;
  private el: HTMLStyleElement | null = null;

  constructor(private readonly doc: Document) {
    this.install();
  }

  /** Makes sure style has rules (unknown keys get a generated colour). */
  ensure(style: string): void {
    if (this.styles.has(style)) return;
    this.styles.add(style);
    this.write();
  }

  /**
   * Makes sure the first `n` highlight parts of style have rules. The rules cover at least twice
   * the parts they did (1, 2, 4, 8, ...): every rewrite of the sheet restyles the whole page at the
   * next frame (tens of ms on a big page), so a page that grows to k parts rewrites it about
   * log2(k) times.
   */
  ensureShards(style: string, n: number): void {
    this.styles.add(style);
    const have = this.shards.get(style) ?? 1;
    if (have >= n) return;
    this.shards.set(style, Math.max(n, have * 2));
    this.write();
  }

  get css(): string {
    return buildCss(this.styles, this.shards);
  }

  /** How the sheet is attached: 'adopted', 'element' or 'none'. */
  get attachment(): 'adopted' | 'element' | 'none' {
    return this.sheet ? 'adopted' : this.el ? 'element' : 'none';
  }

  remove(): void {
    const doc = this.doc as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
    if (this.sheet && doc.adoptedStyleSheets) {
      try {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        /* ignore */
      }
    }
    this.el?.remove();
    this.sheet = null;
    this.el = null;
  }

  private install(): void {
    const doc = this.doc as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
    const Sheet = (doc.defaultView as { CSSStyleSheet?: typeof CSSStyleSheet } | null)?.CSSStyleSheet;
    if (Sheet && Array.isArray(doc.adoptedStyleSheets) && typeof Sheet.prototype.replaceSync === 'function') {
      try {
        const sheet = new Sheet();
        sheet.replaceSync(this.css);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
        this.sheet = sheet;
        return;
      } catch {
        // e.g. Firefox content-script compartments: fall back to an element
      }
    }
    const el = doc.createElement('style');
    el.setAttribute('data-csto-lens', '');
    el.textContent = this.css;
    (doc.head ?? doc.documentElement)?.appendChild(el);
    this.el = el;
  }

  private write(): void {
    if (this.sheet) this.sheet.replaceSync(this.css);
    else if (this.el) this.el.textContent = this.css;
  }
}
