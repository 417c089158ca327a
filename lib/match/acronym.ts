// Acronyms ("CSTO", "ОДКБ", "CSTO PA", "U.N.") are matched case-sensitively by default.

const UNIT = String.raw`(?:(?=[\p{Script=Latin}\p{Script=Cyrillic}])\p{Lu}|[0-9])`;
const ACRONYM = new RegExp(String.raw`^${UNIT}+(?:[ .\-&/]${UNIT}+)*\.?$`, 'u');
const CAPITAL = /\p{Lu}/u;

/** All capital letters (Latin or Cyrillic) and digits, at least two of them and at least one
 *  capital; single spaces, dots, hyphens, "&" or "/" may separate groups. */
export function isAcronym(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (!ACRONYM.test(t) || !CAPITAL.test(t)) return false;
  let units = 0;
  for (const ch of t) if (/[\p{Lu}0-9]/u.test(ch)) units++;
  return units >= 2;
}
