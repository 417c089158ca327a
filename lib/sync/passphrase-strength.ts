// Is a new account's passphrase strong enough? zxcvbn-ts (with its common-password dictionaries) must
// score it at least 3 of 4; otherwise its feedback is the message. Large: load this module lazily
// (`await import('./passphrase-strength')`), on the sync-settings path only, never in the background.
// The passphrase of an existing account is not checked (it is the account's, whatever its strength).

import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_SCORE = 3;

// zxcvbn-ts without a language package reports keys; these are its English texts (language-en).
const WARNINGS: Record<string, string> = {
  straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  sequences: 'Common character sequences like "abc" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is a heavily used password.',
  topHundred: 'This is a frequently used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is similar to a commonly used password.',
  wordByItself: 'Single words are easy to guess.',
  namesByThemselves: 'Single names or surnames are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'There should not be any personal or page related data.',
  pwned: 'Your password was exposed by a data breach on the Internet.',
};
const SUGGESTIONS: Record<string, string> = {
  l33t: "Avoid predictable letter substitutions like '@' for 'a'.",
  reverseWords: 'Avoid reversed spellings of common words.',
  allUppercase: 'Capitalize some, but not all letters.',
  capitalization: 'Capitalize more than the first letter.',
  dates: 'Avoid dates and years that are associated with you.',
  recentYears: 'Avoid recent years.',
  associatedYears: 'Avoid years that are associated with you.',
  sequences: 'Avoid common character sequences.',
  repeated: 'Avoid repeated words and characters.',
  longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction multiple times.',
  anotherWord: 'Add more words that are less common.',
  useWords: 'Use multiple words, but avoid common phrases.',
  noNeed: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
  pwned: 'If you use this password elsewhere, you should change it.',
};

let factory: ZxcvbnFactory | null = null;

export interface PassphraseVerdict {
  ok: boolean;
  /** 0 (guessable) … 4 (very strong). */
  score: number;
  /** Why it is refused, and what to do (zxcvbn's feedback); null when ok. */
  message: string | null;
}

export function checkPassphrase(passphrase: string, userInputs: string[] = []): PassphraseVerdict {
  factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  const r = factory.check(passphrase, userInputs);
  if (r.score >= MIN_SCORE) return { ok: true, score: r.score, message: null };
  const warning = r.feedback.warning ? (WARNINGS[r.feedback.warning] ?? r.feedback.warning) : null;
  const tips = r.feedback.suggestions.map((s) => SUGGESTIONS[s] ?? s);
  const message = ['This passphrase is too easy to guess.', warning, ...tips, 'A few unusual words make a strong passphrase.'].filter(Boolean).join(' ');
  return { ok: false, score: r.score, message };
}
