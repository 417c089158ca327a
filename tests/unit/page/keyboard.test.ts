// @vitest-environment jsdom
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MARK_TAG } from '../../../lib/dom/highlight-styles';
import { watchPointerHits } from '../../../lib/page/entity-hits';
import { entityLabel, moveRovingStop, rovingStop, watchHighlightKeys } from '../../../lib/page/keyboard';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

/** Marks as the wrap painter draws them: a mention's first mark focusable (tabindex -1). */
function page(): HTMLElement[] {
  document.body.innerHTML = `<p>The <${MARK_TAG} tabindex="-1">CSTO</${MARK_TAG}> and <${MARK_TAG} tabindex="-1">Lavrov</${MARK_TAG}>, <${MARK_TAG}>a note</${MARK_TAG}> and <${MARK_TAG} tabindex="-1">Zas</${MARK_TAG}>.</p>`;
  return [...document.querySelectorAll<HTMLElement>(`${MARK_TAG}[tabindex]`)];
}

// The listeners serve only the reader's (trusted) events; jsdom marks an event trusted on its implementation object.
// (dispatchEvent marks every event untrusted: dispatch the way jsdom dispatches its own, trusted, events).
const jsdomUtils = createRequire(import.meta.url)('jsdom/lib/jsdom/living/generated/utils.js') as {
  implForWrapper(o: object): { isTrusted: boolean; _dispatch(e: unknown): boolean };
};
function dispatchTrusted(target: EventTarget, e: Event): Event {
  const impl = jsdomUtils.implForWrapper(e);
  impl.isTrusted = true;
  jsdomUtils.implForWrapper(target)._dispatch(impl);
  return e;
}

const press = (el: Element, key: string, init: KeyboardEventInit = {}) =>
  dispatchTrusted(el, new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));

describe('highlights by keyboard', () => {
  it('one roving tab stop: the first mark, until the keyboard moves it', () => {
    const [a, b] = page();
    rovingStop(document);
    expect(document.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    expect(a!.getAttribute('tabindex')).toBe('0');
    moveRovingStop(document, b!);
    expect([a, b].map((m) => m!.getAttribute('tabindex'))).toEqual(['-1', '0']);
    expect(document.activeElement).toBe(b);
    rovingStop(document); // a later draw keeps where the reader is
    expect(b!.getAttribute('tabindex')).toBe('0');
  });

  it('arrows move among the marks (wrapping), Home and End to the ends, Enter and Space open; notes and other keys are left alone', () => {
    const marks = page();
    const opened: string[] = [];
    const ac = new AbortController();
    watchHighlightKeys(document, ac.signal, (m) => opened.push(m.textContent ?? ''));
    rovingStop(document);
    marks[0]!.focus();
    expect(press(marks[0]!, 'ArrowRight').defaultPrevented).toBe(true);
    expect(document.activeElement?.textContent).toBe('Lavrov');
    press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('Zas'); // the note's mark is not a stop
    press(document.activeElement!, 'ArrowRight');
    expect(document.activeElement?.textContent).toBe('CSTO');
    press(document.activeElement!, 'ArrowLeft');
    expect(document.activeElement?.textContent).toBe('Zas');
    press(document.activeElement!, 'Home');
    expect(document.activeElement?.textContent).toBe('CSTO');
    press(document.activeElement!, 'End');
    press(document.activeElement!, 'Enter');
    press(document.activeElement!, ' ');
    expect(opened).toEqual(['Zas', 'Zas']);
    expect(press(document.activeElement!, 'a').defaultPrevented).toBe(false);
    expect(press(document.activeElement!, 'ArrowRight', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(document.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    ac.abort();
    press(document.activeElement!, 'Enter');
    expect(opened).toHaveLength(2);
  });

  it('a page\'s forged key opens nothing', () => {
    const [a] = page();
    const opened = vi.fn();
    watchHighlightKeys(document, new AbortController().signal, opened);
    a!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(opened).not.toHaveBeenCalled();
  });

  it('names a mention by its type for screen readers', () => {
    expect(entityLabel('organization')).toBe('organization, CSTO Lens');
  });
});

describe('pointer hits', () => {
  it('a click opens the card once: no hover card after it', () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<p>CSTO</p>';
    const hits: string[] = [];
    const ac = new AbortController();
    watchPointerHits(document, ac.signal, () => 'csto', (_item, kind) => hits.push(kind));
    dispatchTrusted(document, new MouseEvent('pointermove', { clientX: 5, clientY: 5, bubbles: true }));
    vi.advanceTimersToNextFrame();
    dispatchTrusted(document.body, new MouseEvent('click', { clientX: 5, clientY: 5, bubbles: true }));
    vi.advanceTimersByTime(1000);
    expect(hits).toEqual(['enter', 'click']);
    // The move before a click is handled at the next frame, after the click: still no hover.
    dispatchTrusted(document, new MouseEvent('pointermove', { clientX: 6, clientY: 5, bubbles: true }));
    dispatchTrusted(document.body, new MouseEvent('click', { clientX: 6, clientY: 5, bubbles: true }));
    vi.advanceTimersToNextFrame();
    vi.advanceTimersByTime(1000);
    expect(hits).toEqual(['enter', 'click', 'click']);
    ac.abort();
  });
});
