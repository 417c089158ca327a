// The highlighter's look: one palette per style key (entity types, note colours),
// light and dark variants, and the stylesheet that paints ::highlight() and the
// accessible-mode marks, attached without touching the page's DOM where possible.
// Light or dark follows the page's own background (lib/dom/page-theme.ts), not the system's
// setting: a dark page on a light system gets the dark-page tints (issue 14.9).

import { ENTITY_PALETTE, ENTITY_TINT_ALPHA, NOTE_INK, NOTE_PALETTE } from '../ui/palette';
import { cssIdent } from './guard';
import { watchPageTheme, type PageTheme } from './page-theme';

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
for (const [k, fill] of Object.entries(NOTE_PALETTE)) {
  STYLE_PALETTE[`note-${k}`] = { light: hex(fill), dark: hex(fill), kind: 'note' };
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
const solid = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** Opacity of an entity's tint on wrap-mode marks (their underline carries part of the colour). */
export const MARK_TINT_ALPHA = { light: 0.16, dark: 0.24 } as const;

/**
 * ::highlight() paints a tint only. A text-decoration on a highlight makes Firefox repaint every
 * highlighted line at each change of the highlights (50-70 ms a frame on a 200,000-word page,
 * against 3-6 ms for a tint or a text colour): entities get a stronger tint instead of an underline.
 * A note is a solid marker fill with its own ink, the same on any page (lib/ui/palette.ts).
 */
function highlightDeclarations(p: Palette, theme: PageTheme): string {
  if (p.kind === 'note') return `background-color:${solid(p.light)};color:${NOTE_INK};`;
  return `background-color:${rgba(p[theme], ENTITY_TINT_ALPHA[theme])};`;
}

/** Wrap-mode marks are elements: an underline costs nothing there, and tells entities from notes. */
function markDeclarations(p: Palette, theme: PageTheme): string {
  if (p.kind === 'note') return highlightDeclarations(p, theme);
  const c = p[theme];
  return (
    `background-color:${rgba(c, MARK_TINT_ALPHA[theme])};` +
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

/** CSS for one style key on a light or dark page, both as ::highlight() (its first `shards` parts) and as wrap-mode marks. */
export function styleCss(style: string, shards = 1, theme: PageTheme = 'light'): string {
  const p = paletteFor(style);
  const id = cssIdent(style);
  const sel = highlightSelectors(style, shards);
  const mark = `${MARK_TAG}[data-type="${id}"]`;
  return `${sel}{${highlightDeclarations(p, theme)}}\n${mark}{${markDeclarations(p, theme)}}\n`;
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

/** The complete stylesheet for a set of style keys (all known keys by default) on a light or dark
 *  page; `shards`: how many highlight parts a style has, where more than one. */
export function buildCss(
  styles: Iterable<string> = Object.keys(STYLE_PALETTE),
  shards: ReadonlyMap<string, number> = new Map(),
  theme: PageTheme = 'light',
): string {
  const list = [...new Set(styles)];
  return BASE_CSS + list.map((s) => styleCss(s, shards.get(s) ?? 1, theme)).join('') + forcedColorsCss(list, shards);
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
  private readonly themeWatch = new AbortController();
  /** The page's theme the sheet is written for; followed while the sheet is attached. */
  theme: PageTheme;

  constructor(private readonly doc: Document) {
    this.theme = watchPageTheme(
      doc,
      (theme) => {
        this.theme = theme;
        this.write();
      },
      this.themeWatch.signal,
    );
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
    return buildCss(this.styles, this.shards, this.theme);
  }

  /** How the sheet is attached: 'adopted', 'element' or 'none'. */
  get attachment(): 'adopted' | 'element' | 'none' {
    return this.sheet ? 'adopted' : this.el ? 'element' : 'none';
  }

  remove(): void {
    this.themeWatch.abort();
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
