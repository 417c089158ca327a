// Splits page text into pieces small enough for one message, at block
// boundaries (or, inside a huge block, at a space) so no name is cut in two.

import type { TextIndex } from '../dom/collect';

export const CHUNK_CHARS = 100_000;
/** speed: the first chunk's size; each next is twice the last, up to CHUNK_CHARS (the top of the
 *  page, its first screen, is answered after a few thousand characters are matched). */
export const FIRST_CHUNK_CHARS = 8_000;
/** Text of the same block sent on either side of a chunk cut inside a block, so that a name
 *  (or a context cue) across the cut is still seen whole. Longer than any alias. */
export const CONTEXT_CHARS = 512;
/** The first screen's preview starts once this much of the page is read (its first chunk and the
 *  context after it). */
export const PREVIEW_CHARS = FIRST_CHUNK_CHARS + CONTEXT_CHARS + 1;

export interface TextChunk {
  offset: number;
  text: string;
}

/**
 * Cuts text into chunks of at most maxChars, at block boundaries where it can. speed (issue 13):
 * with firstChars, the first chunk is at most that long and each next one twice the last (up to
 * maxChars): the top of a page (its first screen, usually) is answered after matching a few
 * thousand characters, not a whole chunk, while a huge page still goes in few messages.
 */
export function splitForMatching(text: string, limit: number, firstChars = limit): TextChunk[] {
  const chunks: TextChunk[] = [];
  let start = 0;
  let size = Math.max(1, Math.min(firstChars, limit));
  while (start < text.length) {
    const maxChars = size;
    size = Math.min(size * 2, limit);
    let end = Math.min(text.length, start + maxChars);
    if (end < text.length) {
      // (A newline at `end` itself would make the chunk one character too long.)
      const block = text.lastIndexOf('\n', end - 1);
      if (block >= start) end = block + 1;
      else {
        // One block longer than a chunk: cut after a sentence end, else at a space.
        const window = text.slice(start, end);
        const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
        const space = window.lastIndexOf(' ');
        // (A chunk that starts with a space before a long word ends after that space: the
        // word then starts the next chunk, and is cut only if it is longer than a chunk.)
        const cut = sentence > maxChars / 2 ? sentence + 2 : space >= 0 ? space + 1 : window.length;
        end = start + cut;
      }
    }
    chunks.push({ offset: start, text: text.slice(start, end) });
    start = end;
  }
  return chunks;
}

/** The prefix of text to match on a page over the size limit: cut at a block boundary, else
 *  at a space (never inside a word: the first half of a name can be another name). */
export function limitText(text: string, maxChars: number): { text: string; partial: boolean } {
  if (text.length <= maxChars) return { text, partial: false };
  const block = text.lastIndexOf('\n', maxChars);
  if (block > maxChars / 2) return { text: text.slice(0, block), partial: true };
  const space = text.lastIndexOf(' ', maxChars);
  return { text: text.slice(0, space > maxChars / 2 ? space : maxChars), partial: true };
}

/** What the matcher reads at a block boundary: it takes every whitespace run (newlines too) for
 *  one space, so "Collective Security\n  Treaty" in one text node is one name; a boundary between
 *  blocks ("<li>Sergey</li><li>Lavrov</li>") must stop a name, and this character does. */
export const MATCH_BREAK = '\ufffc';

/**
 * The text the matcher is given for `text` (a prefix of the page text read into nodes that start
 * at `starts` with `lengths`): the same length, with every character between two nodes (the block
 * separators) replaced by MATCH_BREAK. Offsets into it are offsets into `text`.
 */
export function textForMatching(text: string, starts: readonly number[], lengths: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < starts.length && at < text.length; i++) {
    const s = starts[i] as number;
    if (s > at) parts.push(MATCH_BREAK.repeat(Math.min(s, text.length) - at));
    const e = Math.min(text.length, s + (lengths[i] as number));
    if (e > s) parts.push(text.slice(Math.max(s, at), e));
    at = Math.max(at, e);
  }
  if (at < text.length) parts.push(MATCH_BREAK.repeat(text.length - at));
  return parts.join('');
}

/** A chunk's request: the chunk [start, end) and the text around it sent with it [from, to). */
export interface ChunkRequest {
  start: number;
  end: number;
  from: number;
  to: number;
}

export function requestFor(text: string, chunk: { offset: number; text: string }): ChunkRequest {
  // A chunk cut inside a block is sent with some of the block around it; it keeps the spans
  // that start inside it, so each span is found by exactly one chunk, and found whole.
  const end = chunk.offset + chunk.text.length;
  const from = chunk.offset === 0 ? 0 : Math.max(chunk.offset - CONTEXT_CHARS, text.lastIndexOf('\n', chunk.offset - 1) + 1);
  const nextBlock = text.indexOf('\n', end - 1);
  const to = Math.max(end, Math.min(end + CONTEXT_CHARS, nextBlock < 0 ? text.length : nextBlock));
  return { start: chunk.offset, end, from, to };
}

export const sameRequest = (a: ChunkRequest, b: ChunkRequest) => a.start === b.start && a.end === b.end && a.from === b.from && a.to === b.to;

/** The first screen's preview asks for the first chunk of the page's text, as the full pass will,
 *  once the read prefix reaches past that chunk's context: that request, and the text it sends
 *  ([0, request.to); the matcher gets [request.from, request.to) of it). Null for a prefix too
 *  short (the whole page is). */
export function previewRequest(prefix: TextIndex): { request: ChunkRequest; sent: string; total: number } | null {
  const first = splitForMatching(prefix.text, CHUNK_CHARS, FIRST_CHUNK_CHARS)[0];
  if (!first) return null;
  const request = requestFor(prefix.text, first);
  if (request.to + 1 > prefix.text.length) return null;
  const sent = textForMatching(prefix.text, prefix.starts, prefix.lengths ?? prefix.nodes.map((n) => n.length)).slice(0, request.to);
  return { request, sent, total: prefix.text.length };
}
