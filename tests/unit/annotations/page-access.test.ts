import { describe, expect, it } from 'vitest';
import { assertMayUse, isOpenableSource, mayActOnTab, PageAccessError, resolvePageSource, type SenderInfo } from '../../../lib/annotations/page-access';

// The background's check of who may use which notes: a content script only its own page's site's,
// whatever source its message names; the extension's own pages every note.
const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const page = (url: string, tabUrl = url): SenderInfo => ({ url, tab: { id: 3, url: tabUrl } });

describe('assertMayUse', () => {
  it.each<[string, SenderInfo, string, boolean]>([
    ['a page and its own notes', page('https://tass.com/world/1?x=1'), 'https://tass.com/world/1', true],
    ['a subdomain and its site’s canonical', page('https://m.tass.com/world/1'), 'https://tass.com/world/1', true],
    ['co.uk subdomains of one site', page('https://news.example.co.uk/a'), 'https://www.example.co.uk/a', true],
    ['another github.io user', page('https://attacker.github.io/x'), 'https://victim.github.io/notes', false],
    ['another dyndns.org name', page('http://attacker.dyndns.org:8080/x'), 'http://victim.dyndns.org:8080/story.html', false],
    ['another site altogether', page('https://evil.example/'), 'https://tass.com/world/1', false],
    ['another port of an IP address', page('http://127.0.0.1:9000/'), 'http://127.0.0.1:8000/a', false],
    ['a frame: its own URL counts, not the tab’s', page('https://evil.example/frame', 'https://tass.com/'), 'https://tass.com/world/1', false],
    ['no frame URL: the tab’s', { tab: { id: 1, url: 'https://tass.com/' } }, 'https://tass.com/world/1', true],
    ['no URL at all', {}, 'https://tass.com/world/1', false],
    ['a non-http source from a page', page('https://tass.com/'), 'data:text/html,x', false],
    ['the notebook (an extension page)', { url: `${EXT}sidepanel.html` }, 'https://tass.com/world/1', true],
    ['the note editor in a tab (an extension frame)', { url: `${EXT}note-editor.html`, tab: { id: 2, url: 'https://evil.example/' } }, 'https://tass.com/a', true],
    ['another extension’s page', { url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' }, 'https://tass.com/a', false],
  ])('%s', (_name, sender, source, allowed) => {
    if (allowed) expect(() => assertMayUse(sender, source, EXT)).not.toThrow();
    else expect(() => assertMayUse(sender, source, EXT)).toThrow(PageAccessError);
  });
});

describe('resolvePageSource', () => {
  it.each<[string, SenderInfo, string, string | null, string | Error]>([
    ['the page URL, cleaned', page('https://tass.com/a?utm_source=x'), 'https://tass.com/a?utm_source=x', null, 'https://tass.com/a'],
    ['a same-site canonical', page('https://m.tass.com/a'), 'https://m.tass.com/a', 'https://tass.com/a', 'https://tass.com/a'],
    ['a canonical of another registrable domain ignored', page('http://attacker.dyndns.org:8080/h'), 'http://attacker.dyndns.org:8080/h', 'http://victim.dyndns.org:8080/story.html', 'http://attacker.dyndns.org:8080/h'],
    ['after pushState: a new path of the sender’s origin', page('https://tass.com/a'), 'https://tass.com/b', null, 'https://tass.com/b'],
    ['a URL of another origin than the sender’s', page('https://attacker.example/'), 'https://tass.com/a', null, new PageAccessError('')],
    ['another subdomain than the sender’s', page('https://evil.tass.com/'), 'https://tass.com/a', null, new PageAccessError('')],
  ])('%s', (_name, sender, url, canonical, want) => {
    if (want instanceof Error) expect(() => resolvePageSource(sender, url, canonical, EXT)).toThrow(PageAccessError);
    else expect(resolvePageSource(sender, url, canonical, EXT)).toBe(want);
  });
});

describe('isOpenableSource', () => {
  it.each<[string, boolean]>([
    ['https://tass.com/a', true],
    ['http://127.0.0.1:8080/a', true],
    ['data:text/html,<script>alert(1)</script>', false],
    ['javascript:alert(1)', false],
    ['chrome://settings', false],
    ['file:///etc/passwd', false],
    ['about:blank', false],
    ['not a url', false],
  ])('%s → %s', (source, want) => {
    expect(isOpenableSource(source)).toBe(want);
  });
});

describe('mayActOnTab (learning a page)', () => {
  it.each<[string, SenderInfo, number, boolean]>([
    ['the popup, for any tab', { url: `${EXT}popup.html` }, 7, true],
    ['a content script, for its own tab', page('https://tass.com/a'), 3, true],
    ['a content script, for another tab', page('https://tass.com/a'), 4, false],
    ['no tab, no URL', {}, 3, false],
  ])('%s', (_name, sender, tabId, allowed) => {
    expect(mayActOnTab(sender, tabId, EXT)).toBe(allowed);
  });
});
