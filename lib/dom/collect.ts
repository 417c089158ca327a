// Collects the readable text of a page as one string plus a map back to its text nodes.
// Content-script code: DOM only, no dependencies.

import { yieldToMain } from './schedule';

/** Concatenated readable text, and where each text node starts in it. */
export interface TextIndex {
  /** Text of the readable text nodes in document order, with BLOCK_SEPARATOR between blocks. */
  text: string;
  /** The text nodes, in document order. Separators belong to no node. */
  nodes: Text[];
  /** starts[i] is the offset of nodes[i] in text (strictly increasing). */
  starts: number[];
  /** lengths[i] is the length nodes[i] had when read (a cheap staleness check; see ranges.ts). */
  lengths?: number[];
  /** The page removed the node a sliced read was at (between two slices): the rest of that root
   *  went unread. The reader reads it again (collectTextInAsync). */
  cut?: true;
}

export interface CollectOptions {
  /** Extra exclusion: return true to skip an element and everything inside it. */
  skip?: (el: Element) => boolean;
  /** Check CSS visibility (display / visibility). Default true. */
  styles?: boolean;
}

/** Inserted into TextIndex.text between blocks so words of different blocks never merge. */
export const BLOCK_SEPARATOR = '\n';

/** Attribute carried by every element of the extension's own UI; such subtrees are never read. */
export const OWN_UI_ATTR = 'data-csto-lens';

/** Subtrees that are never readable text (or are not ours to touch). */
const SKIP_TAGS = new Set([
  'head', 'title', 'meta', 'link', 'base',
  'script', 'style', 'noscript', 'template',
  'textarea', 'input', 'select', 'option', 'optgroup', 'datalist',
  'iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio',
]);

/** Elements that end a line in normal rendering. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
  // replaced / skipped boxes that sit between words
  'textarea', 'input', 'select', 'iframe', 'svg', 'math', 'canvas', 'video', 'audio', 'object', 'embed',
]);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** How an element affects the text inside it. */
const Vis = {
  /** Readable. */
  Shown: 0,
  /** Its own text is invisible (visibility:hidden) but descendants may override. */
  SelfHidden: 1,
  /** Nothing inside is readable. */
  Excluded: 2,
} as const;
type Vis = (typeof Vis)[keyof typeof Vis];

interface CheckVisibilityCapable {
  checkVisibility?: (opts?: { visibilityProperty?: boolean; checkVisibilityCSS?: boolean }) => boolean;
}

/** True when a [contenteditable] attribute value makes the element editable. */
function editableAttr(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  return v !== null && v.toLowerCase() !== 'false';
}

/**
 * Decides, once per element, whether its text is readable. Results are cached for
 * the lifetime of one collection (styles may change between collections).
 */
class VisibilityCache {
  private readonly cache = new WeakMap<Element, Vis>();
  constructor(private readonly opts: CollectOptions = {}) {}

  /** Classification of one element, ignoring its ancestors. */
  classify(el: Element): Vis {
    const hit = this.cache.get(el);
    if (hit !== undefined) return hit;
    const v = this.compute(el);
    this.cache.set(el, v);
    return v;
  }

  private compute(el: Element): Vis {
    const tag = el.localName;
    if (SKIP_TAGS.has(tag) || el.namespaceURI === SVG_NS) return Vis.Excluded;
    if (el.hasAttribute(OWN_UI_ATTR)) return Vis.Excluded;
    // hidden="until-found" too: it is not rendered until the browser reveals it
    if (el.hasAttribute('hidden')) return Vis.Excluded;
    if (editableAttr(el) || (el as HTMLElement).isContentEditable === true) return Vis.Excluded;
    if (this.opts.skip?.(el)) return Vis.Excluded;
    const ariaHidden = el.getAttribute('aria-hidden') === 'true';
    if (this.opts.styles === false) return ariaHidden ? Vis.Excluded : Vis.Shown;
    const v = styleVisibility(el);
    // aria-hidden hides from assistive technology, not from the eye: a headline strip under it
    // (NYT, BBC) is on screen and read by the reader (issue 14.10). Only when it takes room,
    // though: a zero-size aria-hidden copy is there for scripts, not for the eye.
    return ariaHidden && v !== Vis.Excluded && !takesRoom(el) ? Vis.Excluded : v;
  }

  /** True when some ancestor of node (not node itself) excludes its subtree. */
  insideExcluded(node: Node, stopAt?: Node | null): boolean {
    let p = node.parentNode;
    while (p && p !== stopAt) {
      if (p.nodeType === 1) {
        const el = p as Element;
        // our own UI, editable regions, hidden or non-text containers anywhere above
        if (this.classify(el) === Vis.Excluded) return true;
      }
      p = p.parentNode ?? (p as ShadowRoot).host ?? null;
    }
    return false;
  }

  /** Is the nearest element ancestor's own text hidden (visibility inherited)? */
  textHiddenIn(parent: Element): boolean {
    return this.classify(parent) === Vis.SelfHidden;
  }
}

function computedStyle(el: Element): CSSStyleDeclaration | null {
  const view = el.ownerDocument?.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return null;
  try {
    return view.getComputedStyle(el);
  } catch {
    return null;
  }
}

/** The element has a box of some size (a layout query: asked only of aria-hidden elements). */
function takesRoom(el: Element): boolean {
  const r = el.getBoundingClientRect?.();
  return !!r && r.width > 0 && r.height > 0;
}

function computedDisplay(el: Element): string {
  return computedStyle(el)?.display ?? '';
}

function styleVisibility(el: Element): Vis {
  const cv = (el as CheckVisibilityCapable).checkVisibility;
  if (typeof cv === 'function') {
    // Fast path: native, no style object; one call for the common case (rendered and visible).
    if (cv.call(el, { visibilityProperty: true })) return Vis.Shown;
    // Rendered but visibility:hidden (its own text is hidden, a descendant may be visible)?
    if (cv.call(el)) return Vis.SelfHidden;
    // Not rendered. False also for boxless display:contents elements, whose children are
    // rendered: only then ask for the computed style.
    return computedDisplay(el) === 'contents' ? Vis.Shown : Vis.Excluded;
  }
  const cs = computedStyle(el);
  if (!cs) return Vis.Shown;
  if (cs.display === 'none') return Vis.Excluded;
  if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return Vis.SelfHidden;
  return Vis.Shown;
}

/** Incremental builder of a TextIndex. */
class IndexBuilder {
  readonly parts: string[] = [];
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  readonly lengths: number[] = [];
  length = 0;
  private pendingSep = false;

  /** Nothing emitted yet, or a block boundary is pending. */
  atLineStart(): boolean {
    return this.pendingSep || this.length === 0;
  }

  boundary(): void {
    this.pendingSep = true;
  }

  push(t: Text): void {
    const data = t.data;
    if (data.length === 0) return;
    if (this.pendingSep && this.length > 0) {
      this.parts.push(BLOCK_SEPARATOR);
      this.length += BLOCK_SEPARATOR.length;
    }
    this.pendingSep = false;
    this.nodes.push(t);
    this.starts.push(this.length);
    this.lengths.push(data.length);
    this.parts.push(data);
    this.length += data.length;
  }

  finish(): TextIndex {
    return { text: this.parts.join(''), nodes: this.nodes, starts: this.starts, lengths: this.lengths };
  }

  /** What is read so far, as an index of its own (the builder goes on). */
  snapshot(): TextIndex {
    return { text: this.parts.join(''), nodes: this.nodes.slice(), starts: this.starts.slice(), lengths: this.lengths.slice() };
  }
}

function isBlock(el: Element): boolean {
  return BLOCK_TAGS.has(el.localName);
}

/**
 * Whitespace-only text at a block boundary (indentation between <p>s, newlines between
 * <td>s) is not rendered; it is left out of the index.
 */
function collapsibleWhitespace(t: Text, out: IndexBuilder): boolean {
  if (/\S/.test(t.data)) return false;
  if (out.atLineStart()) return true;
  const next = t.nextSibling;
  if (next) return next.nodeType === 1 && isBlock(next as Element);
  const parent = t.parentNode;
  return !parent || parent.nodeType !== 1 || isBlock(parent as Element);
}

function isDesignMode(node: Node): boolean {
  const doc = node.nodeType === 9 ? (node as Document) : node.ownerDocument;
  return (doc as { designMode?: string } | null)?.designMode === 'on';
}

/**
 * A resumable depth-first walk of one subtree that feeds an IndexBuilder.
 * `step(n)` processes up to n nodes and returns false when the walk is over.
 */
class SubtreeWalk {
  private cur: Node | null;

  constructor(
    private readonly root: Node,
    private readonly out: IndexBuilder,
    private readonly vis: VisibilityCache,
  ) {
    this.cur = root;
  }

  /** False when the node the walk is at was removed from its root since the last step (the walk
   *  cannot tell where the rest of the root is then). */
  intact(): boolean {
    const cur = this.cur;
    return cur === null || cur === this.root || this.root.contains(cur);
  }

  /** Processes up to limit nodes; false once the walk is over. */
  step(limit: number): boolean {
    const { out, vis } = this;
    for (let n = 0; this.cur && n < limit; n++) {
      const node: Node = this.cur;
      const type = node.nodeType;
      if (type === 3) {
        const parent = node.parentNode;
        const hiddenText = !!parent && parent.nodeType === 1 && vis.textHiddenIn(parent as Element);
        if (!hiddenText && !collapsibleWhitespace(node as Text, out)) out.push(node as Text);
        this.leave(node);
        continue;
      }
      if (type === 1) {
        if (isBlock(node as Element)) out.boundary();
        if (vis.classify(node as Element) === Vis.Excluded) {
          this.leave(node);
          continue;
        }
      } else if (type !== 9 && type !== 11) {
        // comments, processing instructions, doctype
        this.leave(node);
        continue;
      }
      const first = node.firstChild;
      if (first) this.cur = first;
      else this.leave(node);
    }
    return this.cur !== null;
  }

  /** Finishes node (children done or skipped) and moves to the next node to enter. */
  private leave(node: Node): void {
    let x: Node | null = node;
    while (x) {
      if (x.nodeType === 1 && isBlock(x as Element)) this.out.boundary();
      if (x === this.root) break;
      const next: Node | null = x.nextSibling;
      if (next) {
        this.cur = next;
        return;
      }
      x = x.parentNode;
    }
    // Done, or detached mid-walk (the page removed part of the subtree).
    this.cur = null;
  }
}

/** Top-level nodes worth walking: drops nodes inside others of the list and unreadable ones. */
function prepareRoots(nodes: readonly Node[], vis: VisibilityCache): Node[] {
  const set = new Set(nodes);
  const seen = new Set<Node>();
  const out: Node[] = [];
  for (const n of nodes) {
    if (seen.has(n)) continue;
    seen.add(n);
    let p = n.parentNode;
    let nested = false;
    while (p) {
      if (set.has(p)) {
        nested = true;
        break;
      }
      p = p.parentNode;
    }
    if (nested) continue;
    if (isDesignMode(n)) continue;
    if (vis.insideExcluded(n)) continue;
    out.push(n);
  }
  // document order
  out.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  return out;
}

/**
 * Readable text under root, in document order. Skips scripts, styles, form fields,
 * embedded frames, SVG, editable regions, hidden content and the extension's own UI.
 */
export function collectText(root: Node, opts: CollectOptions = {}): TextIndex {
  return collectTextIn([root], opts);
}

/**
 * Same as collectText for several subtrees (e.g. nodes added to the page); the subtrees
 * are read in document order with a separator between them. Nodes nested inside
 * another listed node are read once.
 */
export function collectTextIn(nodes: readonly Node[], opts: CollectOptions = {}): TextIndex {
  const vis = new VisibilityCache(opts);
  const out = new IndexBuilder();
  for (const r of prepareRoots(nodes, vis)) {
    out.boundary();
    const walk = new SubtreeWalk(r, out, vis);
    while (walk.step(1 << 30));
  }
  return out.finish();
}

export interface AsyncCollectOptions extends CollectOptions {
  /** Longest stretch of work between yields, in ms. Default 8. */
  budgetMs?: number;
  signal?: AbortSignal;
  /** Yields to the event loop; defaults to a macrotask yield (see schedule.ts). */
  yieldFn?: () => Promise<void>;
  /** speed: called once, as soon as at least `chars` characters are read, with what is read so far
   *  (a prefix of the final index: the same text, nodes and offsets); the walk yields, then goes on.
   *  While the promise it may return is pending, the walk yields with a timer rather than
   *  yieldFn: a scheduler.yield() continuation runs before other tasks, such as the reply the
   *  callback waits for, which would then wait for the whole walk. */
  onPrefix?: { chars: number; callback: (prefix: TextIndex) => Promise<unknown> | void };
  /** Called once, as soon as at least `chars` characters are read (the walk goes on). */
  onLength?: { chars: number; callback: () => void };
}

/** collectTextIn that yields to the event loop whenever budgetMs is spent. */
export async function collectTextInAsync(
  nodes: readonly Node[],
  opts: AsyncCollectOptions = {},
): Promise<TextIndex> {
  const budget = opts.budgetMs ?? 8;
  const yieldFn = opts.yieldFn ?? yieldToMain;
  const vis = new VisibilityCache(opts);
  const out = new IndexBuilder();
  let prefix = opts.onPrefix;
  let long = opts.onLength;
  let pending = false;
  let yieldNow = false;
  let cut = false;
  let sliceStart = performance.now();
  for (const r of prepareRoots(nodes, vis)) {
    out.boundary();
    const walk = new SubtreeWalk(r, out, vis);
    for (;;) {
      if (!walk.intact()) {
        cut = true; // removed under the walk while it yielded
        break;
      }
      const more = walk.step(256);
      if (prefix && out.length >= prefix.chars) {
        const p = prefix.callback(out.snapshot());
        prefix = undefined;
        yieldNow = true; // what the callback started (a message) goes on before the walk
        if (p) {
          pending = true;
          p.then(
            () => (pending = false),
            () => (pending = false),
          );
        }
      }
      if (long && out.length >= long.chars) {
        long.callback();
        long = undefined;
      }
      if (!more) break;
      if (yieldNow || performance.now() - sliceStart >= budget) {
        yieldNow = false;
        await (pending ? new Promise<void>((resolve) => setTimeout(resolve, 0)) : yieldFn());
        opts.signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
  }
  const index = out.finish();
  if (cut) index.cut = true;
  return index;
}

/** collectText that yields to the event loop whenever budgetMs is spent. */
export function collectTextAsync(root: Node, opts: AsyncCollectOptions = {}): Promise<TextIndex> {
  return collectTextInAsync([root], opts);
}
