// Defensive helpers: page content is data, never markup, and the page can change
// (or remove) anything between our reading it and our drawing over it.

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
