import { packSpans, type PackedSpans } from '../match/spans';
import { isActiveOn, type Settings } from '../settings';

// The background's answer to matchText. A page's first request (withSettings) comes before the page
// knows its settings (lib/page/first-settings.ts): the answer carries them, as last written, and
// where highlighting is off for the sender's site its text is not matched.

/** lib/protocol/to-background.ts matchText's request and answer. */
interface Request {
  text: string;
  lang?: string;
  withSettings?: true;
}
interface Answer {
  spans: PackedSpans;
  settings?: Record<string, unknown>;
}

export async function answerMatchText(
  match: (text: string, lang: string | null) => Promise<PackedSpans>,
  data: Request,
  senderUrl: string | undefined,
  settingsNow: () => Promise<Settings | null>,
): Promise<Answer> {
  const settings = data.withSettings ? await settingsNow() : null;
  const matched = () => match(data.text, data.lang ?? null); // ru-match: the page's language
  if (!settings) return { spans: await matched() };
  return { spans: isActiveOn(settings, hostnameOf(senderUrl)) ? await matched() : packSpans([]), settings: { ...settings } };
}

function hostnameOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}
