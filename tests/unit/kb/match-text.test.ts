import { describe, expect, it } from 'vitest';
import { answerMatchText } from '../../../lib/kb/match-text';
import { packSpans, type PackedSpans } from '../../../lib/match/spans';
import { withDefaults } from '../../../lib/settings';

// matchText in the background: a page's first request also gets the settings, and where highlighting
// is off for the sender's site its text is not matched (lib/kb/match-text.ts).

function matcher() {
  const seen: string[] = [];
  const match = async (text: string): Promise<PackedSpans> => (seen.push(text), packSpans([{ start: 0, end: 4, entityId: 'org:csto', type: 'organization' }] as never));
  return { seen, match };
}

describe('answerMatchText', () => {
  it('a plain request is matched, with no settings', async () => {
    const m = matcher();
    const a = await answerMatchText(m.match, { text: 'CSTO met' }, 'https://news.example/a', async () => withDefaults(undefined));
    expect(m.seen).toEqual(['CSTO met']);
    expect(a.settings).toBeUndefined();
    expect(a.spans.data.length).toBe(3);
  });

  it('a first request gets the settings; its text is matched where highlighting is on', async () => {
    const m = matcher();
    const a = await answerMatchText(m.match, { text: 'CSTO met', withSettings: true }, 'https://news.example/a', async () => withDefaults(undefined));
    expect(m.seen).toEqual(['CSTO met']);
    expect(a.settings).toEqual(withDefaults(undefined));
  });

  it('where highlighting is off for the site, or everywhere, the text is not matched; the settings say why', async () => {
    for (const settings of [withDefaults({ disabledSites: ['news.example'] }), withDefaults({ enabled: false })]) {
      const m = matcher();
      const a = await answerMatchText(m.match, { text: 'CSTO met', withSettings: true }, 'https://news.example/a', async () => settings);
      expect(m.seen).toEqual([]);
      expect(a.spans.data.length).toBe(0);
      expect(a.settings).toEqual(settings);
    }
  });

  it('without settings (storage failed in the background), a first request is matched and carries none', async () => {
    const m = matcher();
    const a = await answerMatchText(m.match, { text: 'CSTO met', withSettings: true }, undefined, async () => null);
    expect(m.seen).toEqual(['CSTO met']);
    expect(a.settings).toBeUndefined();
  });
});
