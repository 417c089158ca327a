// Defensive helpers: page content is data, never markup, and the page can change
// (or remove) anything between our reading it and our drawing over it.

/** Sets an element's content to plain text; markup-looking text stays text. */
export function setText(el: Element, text: string): void {
  el.textContent = text;
}

/** Creates an element whose content is plain text (never parsed as HTML). */
export function textElement<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    // event-handler attributes would run code: refuse them
    if (/^on/i.test(k)) continue;
    el.setAttribute(k, v);
  }
  el.textContent = text;
  return el;
}

/** The text of a node, as a string (never its markup). */
export function textOf(node: Node | null | undefined): string {
  return node?.textContent ?? '';
}

/** Still in a document (not removed by the page since we saw it)? */
export function isLive(node: Node | null | undefined): node is Node {
  return !!node && node.isConnected;
}

/** A range we may still draw: both ends connected, same document, not collapsed. */
export function isDrawable(range: AbstractRange | null | undefined): range is AbstractRange {
  if (!range || range.collapsed) return false;
  const a = range.startContainer;
  const b = range.endContainer;
  if (!a.isConnected || !b.isConnected) return false;
  if (a.ownerDocument !== b.ownerDocument) return false;
  const la = a.nodeType === 3 || a.nodeType === 8 ? (a as CharacterData).length : a.childNodes.length;
  const lb = b.nodeType === 3 || b.nodeType === 8 ? (b as CharacterData).length : b.childNodes.length;
  return range.startOffset <= la && range.endOffset <= lb;
}

/** Turns any string into a safe CSS identifier fragment ("Note Yellow!" -> "note-yellow"). */
export function cssIdent(s: string): string {
  const id = s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!id) return 'x';
  return /^[0-9]/.test(id) ? `x${id}` : id;
}

/** Runs fn; on any exception (page quirks, detached nodes) returns fallback instead. */
export function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
