// Issue 11, point 8: a new account's passphrase "a" was accepted. zxcvbn-ts must score it 3 or more.
import { describe, expect, it } from 'vitest';
import { checkPassphrase, MIN_SCORE } from '../../../lib/sync/passphrase-strength';

describe('passphrase strength (new accounts)', () => {
  const cases: { passphrase: string; ok: boolean; message?: RegExp }[] = [
    { passphrase: 'a', ok: false, message: /too easy to guess.*Add more words/ },
    { passphrase: 'password1', ok: false, message: /commonly used password/ },
    { passphrase: 'qwertyuiop', ok: false, message: /too easy to guess/ },
    { passphrase: 'csto lens', ok: false, message: /too easy to guess/ },
    { passphrase: 'correct horse battery staple', ok: true },
    { passphrase: 'e2e passphrase: Dushanbe 2021', ok: true },
  ];
  it.each(cases)('$passphrase → ok: $ok', ({ passphrase, ok, message }) => {
    const v = checkPassphrase(passphrase, ['csto', 'lens', 'sync']);
    expect(v.ok).toBe(ok);
    expect(v.score >= MIN_SCORE).toBe(ok);
    if (message) expect(v.message).toMatch(message);
    else expect(v.message).toBeNull();
  });
});
