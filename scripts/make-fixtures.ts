// Generates the browser-test fixture pages in tests/fixtures/pages/ (committed as files).
//   npx tsx scripts/make-fixtures.ts
// Output is deterministic (no clock, seeded PRNG): re-running gives identical files.
//
// Pages: seed-000..004.html (the five seeds as news articles), spa.html, big.html, editable.html,
// ru.html, plain.html, and expected.json (entity surface strings a correct highlighter should find;
// computed from a hand-written lexicon below, meant to be refined by hand).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng as mulberry32 } from './lib/rng';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SEEDS_DIR = join(ROOT, 'assets/seeds');
// CSTO_FIXTURES_OUT writes elsewhere (the drift test compares that with what is committed).
const OUT = process.env.CSTO_FIXTURES_OUT ?? join(ROOT, 'tests/fixtures/pages');

// ------------------------------------------------------------------ helpers

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Replace the n-th (0-based) occurrence of `find` in already-escaped html with `repl`. */
function replaceNth(html: string, find: string, repl: string, n = 0): string {
  let idx = -1;
  for (let i = 0; i <= n; i++) {
    idx = html.indexOf(find, idx + 1);
    if (idx < 0) throw new Error(`make-fixtures: "${find}" occurrence ${n} not found`);
  }
  return html.slice(0, idx) + repl + html.slice(idx + find.length);
}


// ------------------------------------------------------------------ lexicon (for expected.json)
// Surface forms of CSTO entities (member states, bodies, officials, operations, partner
// organizations). Longest match wins; case-sensitive; whole words only.
const LEXICON_EN = [
  'Collective Security Treaty Organization',
  'Collective Security Treaty Organisation',
  'Collective Security Treaty',
  'CSTO Parliamentary Assembly',
  'CSTO PA',
  'CSTO',
  'Collective Security Council',
  'Council of Foreign Ministers',
  'Council of Defence Ministers',
  'Committee of Security Council Secretaries',
  'Sergey Lavrov',
  'Sergei Lavrov',
  'Lavrov',
  'Stanislav Zas',
  'Zas',
  'Igor Petrishenko',
  'Petrishenko',
  'Viktor Kogut',
  'Viktor Rogalev',
  'Shabdanbek Alishev',
  'Mikhail Krotov',
  'Russia',
  'Russian Federation',
  'Armenia',
  'Belarus',
  'Kazakhstan',
  'Kyrgyzstan',
  'Kyrgyz Republic',
  'Tajikistan',
  'Channel',
  'Kanal',
  'Commonwealth of Independent States',
  'CIS',
  'Shanghai Cooperation Organization',
  'Shanghai Cooperation Organisation',
  'SCO',
  'Bishkek',
  'Dushanbe',
];
/** Forms a highlighter may reasonably mark or leave (not counted as errors either way). */
const OPTIONAL_EN = ['UN', 'Afghanistan', 'Moscow', 'Putin', 'President Putin', 'Organization', 'Organisation'];

// Russian: declined forms listed explicitly.
const LEXICON_RU = [
  'Организация Договора о коллективной безопасности',
  'Организации Договора о коллективной безопасности',
  'Организацию Договора о коллективной безопасности',
  'Договор о коллективной безопасности',
  'Договора о коллективной безопасности',
  'ОДКБ',
  'Сергей Лавров',
  'Сергея Лаврова',
  'Сергею Лаврову',
  'Лавров',
  'Лаврова',
  'Лаврову',
  'Лавровым',
  'Россия',
  'России',
  'Россию',
  'Казахстан',
  'Казахстана',
  'Казахстане',
  'Армения',
  'Армении',
  'Белоруссия',
  'Белоруссии',
  'Беларусь',
  'Киргизия',
  'Киргизии',
  'Таджикистан',
  'Таджикистана',
  'Совет министров иностранных дел',
  'Совета министров иностранных дел',
  'Парламентская ассамблея ОДКБ',
  'Парламентской ассамблеи ОДКБ',
  'Станислав Зась',
  'Станислава Зася',
  'Канал',
  'СНГ',
  'ШОС',
];
const OPTIONAL_RU = ['ООН', 'Афганистан', 'Афганистана', 'Афганистаном', 'МОСКВА', 'Москва', 'Москве', 'Бишкек', 'Бишкеке'];

function lexRegex(forms: string[]): RegExp {
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const alt = sorted.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`, 'gu');
}
function mentions(text: string, forms: string[]): string[] {
  return [...text.matchAll(lexRegex(forms))].map((m) => m[0].replace(/\s+/g, ' '));
}
function counts(list: string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const m of list) c[m] = (c[m] ?? 0) + 1;
  return Object.fromEntries(Object.entries(c).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

// ------------------------------------------------------------------ page chrome

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.55 Georgia,'DejaVu Serif',serif;color:#1b1b1b;background:#f4f2ee}
a{color:#0b4f8a}header.site{background:#14213d;color:#fff;padding:10px 24px;display:flex;align-items:center;gap:24px}
header.site .logo{font:700 26px/1 Arial,sans-serif;letter-spacing:1px;color:#fff;text-decoration:none}
nav.main a{color:#e5e5e5;margin-right:14px;font:14px Arial,sans-serif;text-decoration:none}
.wrap{max-width:1100px;margin:0 auto;display:grid;grid-template-columns:1fr 300px;gap:28px;padding:20px}
article{background:#fff;padding:24px 32px;border-radius:4px}
article h1{font:700 30px/1.2 Arial,sans-serif;margin:.2em 0 .4em}.lead{font-size:18px;color:#444}
.meta{font:13px Arial,sans-serif;color:#777;margin-bottom:14px}.byline{font-weight:700;color:#333}
aside .box{background:#fff;padding:14px 18px;margin-bottom:18px;border-radius:4px;font:14px Arial,sans-serif}
.ad{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 10px,#f0f0f0 10px,#f0f0f0 20px)!important;border:1px dashed #bbb;text-align:center;color:#666}
.ad small{display:block;font-size:10px;text-transform:uppercase;letter-spacing:1px;color:#999}
.comments{background:#fff;margin-top:22px;padding:16px 32px;border-radius:4px;font:14px Arial,sans-serif}
.comment{border-top:1px solid #eee;padding:8px 0}.comment b{color:#14213d}
footer{text-align:center;font:12px Arial,sans-serif;color:#888;padding:30px}
.langs a{margin-right:8px;font:12px Arial,sans-serif}
.qa-q{font-weight:700;color:#333}
`;

const NAV = ['World', 'Politics', 'Security', 'Economy', 'Regions', 'Opinion', 'Video', 'Photo'];

interface PageOpts {
  title: string;
  site: string;
  lang?: string;
  bodyHtml: string; // inside .wrap > main
  asideHtml?: string;
  headExtra?: string;
  script?: string;
}

function page(o: PageOpts): string {
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<style>${CSS}</style>${o.headExtra ?? ''}
</head>
<body>
<header class="site">
  <a class="logo" href="#">${esc(o.site)}</a>
  <nav class="main">${NAV.map((n) => `<a href="#${n.toLowerCase()}">${n}</a>`).join('')}</nav>
  <form class="search" role="search"><input type="search" placeholder="Search news" aria-label="Search news"></form>
</header>
<div class="ad ad-top" style="max-width:1100px;margin:14px auto;padding:18px"><small>Advertisement</small>Fly non-stop to 40 cities — book your summer holiday today</div>
<div class="wrap">
<main>
${o.bodyHtml}
</main>
<aside>
<div class="box ad"><small>Advertisement</small>Refinance your mortgage in 5 minutes. Rates from 3.9%.</div>
${o.asideHtml ?? RELATED}
<div class="box ad"><small>Sponsored</small>The 10 best hiking boots of the year, tested by experts</div>
</aside>
</div>
<footer>© ${esc(o.site)} · <a href="#about">About us</a> · <a href="#privacy">Privacy</a> · <a href="#contact">Contact</a></footer>${
    o.script ? `\n<script>\n${o.script}\n</script>` : ''
  }
</body>
</html>
`;
}

const RELATED = `<div class="box related"><h3>Most read</h3><ol>
<li><a href="#r1">Wheat prices fall for the third week in a row</a></li>
<li><a href="#r2">New metro line opens ahead of schedule</a></li>
<li><a href="#r3">Heatwave warning issued for the south</a></li>
<li><a href="#r4">Football: late goal settles the derby</a></li>
</ol></div>`;

function comments(list: Array<[string, string]>): string {
  return `<section class="comments" id="comments"><h3>Comments (${list.length})</h3>
${list.map(([who, text]) => `<div class="comment"><b>${esc(who)}</b> <span class="when">2 hours ago</span><p>${esc(text)}</p></div>`).join('\n')}
<form><textarea placeholder="Write a comment…" rows="3" cols="60"></textarea><br><button type="button">Post</button></form>
</section>`;
}

// ------------------------------------------------------------------ seed pages

interface SeedSpec {
  site: string;
  /** Build headline, lead, meta, paragraphs from the raw text. */
  parse(raw: string): { headline: string; lead?: string; meta: string; paras: string[]; aside?: string; qa?: boolean };
  /** Inline markup splits applied to the escaped article html: [find, replace, nth]. */
  splits: Array<[string, string, number?]>;
  comments: Array<[string, string]>;
}

const blocks = (raw: string) =>
  raw
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

const SEEDS: SeedSpec[] = [
  {
    site: 'Pakistan Point News',
    parse(raw) {
      const [headline, ...paras] = blocks(raw);
      return { headline: headline!, meta: 'Sputnik · 26th May, 2020', paras };
    },
    splits: [
      ['Collective Security Treaty Organization', 'Collective Security <b>Treaty</b> Organization'],
      ['Lavrov said at', 'Lav<span class="hl">rov</span> said at'],
      ['Sergey Lavrov', '<a href="#tag-lavrov">Sergey Lavrov</a>'],
      ['Kazakhstan', '<i>Kazakh</i>stan'],
    ],
    comments: [
      ['steppe_wolf', 'Good summary, thanks. Does anyone know when the next meeting is?'],
      ['m.rahman', 'The drug trafficking part is the most important point here.'],
    ],
  },
  {
    site: 'TASS',
    parse(raw) {
      const b = blocks(raw).filter((x) => x !== 'All news');
      const [headline, lead, ...paras] = b;
      return { headline: headline!, lead, meta: 'MOSCOW, March 30 · World', paras };
    },
    splits: [
      ['Collective Security Treaty Organization (CSTO) is', 'Collective <em>Security Treaty</em> Organization (CSTO) is'],
      ['Igor Petrishenko', 'Igor <strong>Petrishenko</strong>'],
      ['CSTO', '<abbr title="Collective Security Treaty Organization">CSTO</abbr>', 3],
    ],
    comments: [
      ['Aliya', 'Recruitment of young people online is a real problem everywhere.'],
      ['reader_1987', 'Interesting interview, I would like to read the full version.'],
    ],
  },
  {
    site: 'TASS',
    parse(raw) {
      const b = blocks(raw).filter((x) => x !== 'All news');
      const [headline, lead, ...paras] = b;
      return { headline: headline!, lead, meta: 'MOSCOW, October 27 · World', paras };
    },
    splits: [
      ['Shanghai Cooperation Organization', 'Shanghai Cooperation <span class="x">Organi</span>zation'],
      ['Sergey Lavrov stated', '<span>Sergey</span> <span>Lavrov</span> stated'],
      ['Dushanbe', '<a href="#dushanbe">Dushanbe</a>'],
    ],
    comments: [['observer', 'The meeting in Tehran will show whether the neighbours can agree on anything.']],
  },
  {
    site: 'CSTO Parliamentary Assembly',
    parse(raw) {
      const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
      const title = 'Russia suggested exploring possible cooperation in the field of biological security within the CSTO';
      const first = lines.indexOf(title);
      const second = lines.indexOf(title, first + 1);
      const delegations = lines.slice(0, first);
      const paras = lines.slice(second + 1);
      const aside = `<div class="box delegations"><h3>National delegations</h3><ul>${delegations
        .map((l) => {
          const m = /^(.*?): (https?:\/\/\S+)$/.exec(l);
          return m ? `<li>${esc(m[1]!)}: <a href="${esc(m[2]!)}">${esc(m[2]!)}</a></li>` : `<li>${esc(l)}</li>`;
        })
        .join('\n')}</ul></div>`;
      return { headline: title, meta: lines[first + 1]!, paras, aside };
    },
    splits: [
      ['Collective Security Treaty Organization Member States', 'Collective Security Treaty <span lang="en">Organization</span> Member States'],
      ['Stanislav Zas', 'Stanislav <b>Zas</b>'],
      ['Sergei Lavrov', 'Ser<span>gei</span> Lavrov', 1],
    ],
    comments: [],
  },
  {
    site: 'The Ministry of Foreign Affairs of the Russian Federation',
    parse(raw) {
      const b = blocks(raw);
      const meta = b[0]!.replace(/(\d{4})(\d\d:\d\d)$/, '$1 $2');
      const headline = b[1]!;
      const paras = b.slice(3).filter((p) => !/^Showing \d+ result|^Advanced settings$/.test(p));
      return { headline, meta, paras, qa: true };
    },
    splits: [
      ['Collective Security Treaty Organisation', '<b>Collective Security Treaty Organisation</b>'],
      ['CSTO Collective Security Council tomorrow', 'CSTO <a href="#csc">Collective Security</a> Council tomorrow'],
      ['Lavrov', 'Lav<span>rov</span>', 1],
    ],
    comments: [],
  },
];

function seedPage(i: number, raw: string) {
  const spec = SEEDS[i]!;
  const p = spec.parse(raw);
  const paraHtml = p.paras
    .map((t) => {
      if (p.qa) {
        const m = /^(Question|Sergey Lavrov):\s*(.*)$/.exec(t);
        if (m) return `<p><span class="qa-q">${esc(m[1]!)}:</span> ${esc(m[2]!)}</p>`;
      }
      return `<p>${esc(t)}</p>`;
    })
    .join('\n');
  let body = paraHtml;
  for (const [find, repl, nth] of spec.splits) body = replaceNth(body, esc(find), repl, nth ?? 0);
  const langs =
    i === 4
      ? `<nav class="langs" aria-label="Languages">${['de-DE', 'en-GB', 'es-ES', 'ru-RU', 'fr-FR'].map((l) => `<a href="#${l}">${l}</a>`).join('')}</nav>`
      : '';
  const title = `${p.headline} | ${spec.site}`;
  const html = page({
    title,
    site: spec.site,
    asideHtml: (p.aside ?? '') + RELATED,
    bodyHtml: `<article id="article">
${langs}<h1>${esc(p.headline)}</h1>
${p.lead ? `<p class="lead">${esc(p.lead)}</p>\n` : ''}<div class="meta"><span class="byline">${esc(spec.site)}</span> · <time>${esc(p.meta)}</time></div>
<div class="article-body">
${body}
</div>
<div class="share"><a href="#share-fb">Share</a> · <a href="#share-tw">Post</a> · <a href="#print">Print</a></div>
</article>
${spec.comments.length ? comments(spec.comments) : ''}`,
  });
  const text = [p.headline, p.lead ?? '', ...p.paras].join('\n');
  return { html, title, text, aside: p.aside ? p.aside.replace(/<[^>]+>/g, ' ') : '' };
}

// ------------------------------------------------------------------ spa.html

const SPA_STORIES = {
  '1': {
    title: 'CSTO foreign ministers meet in Moscow',
    paras: [
      'Foreign ministers of the Collective Security Treaty Organization (CSTO) gathered on Tuesday to prepare the autumn summit.',
      'Russian Foreign Minister Sergey Lavrov said the alliance would keep its focus on the southern borders of Tajikistan and on the fight against drug trafficking.',
      'Delegations from Kazakhstan and Armenia presented proposals on crisis response; Lavrov called them "constructive".',
    ],
  },
  '2': {
    title: 'CSTO Secretary General visits Bishkek',
    paras: [
      'CSTO Secretary General Stanislav Zas arrived in Bishkek for talks with the leadership of Kyrgyzstan.',
      'Zas discussed the anti-drug operation Channel and the preparation of joint exercises with officials of Belarus and Kyrgyzstan.',
      'The Shanghai Cooperation Organization and the Commonwealth of Independent States were invited to send observers.',
    ],
  },
  live: {
    title: 'Live: 14:05',
    paras: ['Live update: Igor Petrishenko, Belarus’s ambassador, told reporters that the CSTO Parliamentary Assembly will meet in Dushanbe next month.'],
  },
};

function spaPage() {
  const data = JSON.stringify(SPA_STORIES).replace(/</g, '\\u003c');
  const script = `// Single-page app: the shell loads empty, the article arrives ~500 ms later.
(function () {
  var STORIES = ${data};
  var app = document.getElementById('app');
  function esc(s) { return s.replace(/[&<>"']/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); }
  function storyId() { return new URLSearchParams(location.search).get('story') === '2' ? '2' : '1'; }
  function render(id) {
    var s = STORIES[id];
    document.title = s.title + ' | Eurasia Live';
    app.innerHTML = '<article id="article" data-story="' + id + '"><h1>' + esc(s.title) + '</h1>' +
      '<div class="meta"><span class="byline">Eurasia Live</span></div>' +
      '<div class="article-body">' + s.paras.map(function (p) { return '<p>' + esc(p) + '</p>'; }).join('') + '</div>' +
      (id === '1' ? '<p><a id="next" href="?story=2">Next story: CSTO Secretary General visits Bishkek →</a></p>' : '<p><a id="back" href="?story=1">← Back to the ministers’ meeting</a></p>') +
      '<section id="live" class="live"><h2>Live blog</h2><ol id="live-list"></ol><button id="load-more" type="button">Load more</button></section>' +
      '</article>';
    document.body.dataset.story = id;
    document.body.dataset.state = 'ready';
  }
  function navigate(id, push) {
    document.body.dataset.state = 'loading';
    app.innerHTML = '<p class="loading">Loading…</p>';
    if (push) history.pushState({ story: id }, '', '?story=' + id);
    setTimeout(function () { render(id); }, 500);
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a#next, a#back');
    if (a) { e.preventDefault(); navigate(a.id === 'next' ? '2' : '1', true); return; }
    var b = e.target.closest && e.target.closest('#load-more');
    if (b) {
      b.disabled = true; b.textContent = 'Loading…';
      setTimeout(function () {
        var li = document.createElement('li');
        li.className = 'live-entry';
        li.innerHTML = '<b>' + esc(STORIES.live.title) + '</b> ' + esc(STORIES.live.paras[0]);
        document.getElementById('live-list').appendChild(li);
        b.disabled = false; b.textContent = 'Load more';
        document.body.dataset.live = String(document.querySelectorAll('.live-entry').length);
      }, 700);
    }
  });
  window.addEventListener('popstate', function () { navigate(storyId(), false); });
  navigate(storyId(), false);
})();`;
  const html = page({
    title: 'Eurasia Live',
    site: 'Eurasia Live',
    bodyHtml: `<div id="app"><p class="loading">Loading…</p></div>`,
    script,
  });
  return html;
}

// ------------------------------------------------------------------ big.html

function bigPage(seedTexts: string[]) {
  const rnd = mulberry32(20240601);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const sentences = seedTexts
    .flatMap((t) => blocks(t.replace(/\n/g, '\n\n')))
    .flatMap((b) => b.split(/(?<=[.!?”"])\s+(?=[A-Z“"])/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 6 && !/https?:\/\//.test(s));
  const countries = ['Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyzstan', 'Russia', 'Tajikistan'];
  const prefixes = ['', '', '', 'Meanwhile, ', 'According to officials, ', 'Earlier, ', 'As reported, ', 'In a statement, '];
  const suffixes = ['', '', '', ' (updated)', ' — officials said', ', sources added'];
  const vary = (s: string) => {
    let out = s.replace(/\b(Armenia|Belarus|Kazakhstan|Kyrgyzstan|Tajikistan)\b/g, () => pick(countries));
    out = out.replace(/\b(19|20)\d\d\b/g, (y) => String(Number(y) + Math.floor(rnd() * 5) - 2));
    const pre = pick(prefixes);
    if (pre && /^[A-Z]/.test(out) && !/^(CSTO|CIS|SCO|UN)\b/.test(out)) out = pre + out[0]!.toLowerCase() + out.slice(1);
    else if (pre) out = pre + out;
    const suf = pick(suffixes);
    if (suf) out = out.replace(/([.!?])$/, suf + '$1');
    return out;
  };
  const TARGET = 200_000;
  let words = 0;
  const parts: string[] = [];
  const texts: string[] = [];
  let para = 0;
  while (words < TARGET) {
    if (para % 40 === 0) {
      const h = `Part ${para / 40 + 1}: ${vary(pick(sentences)).split(/\s+/).slice(0, 8).join(' ')}`;
      parts.push(`<h2>${esc(h)}</h2>`);
      texts.push(h);
      words += h.split(/\s+/).length;
    }
    const n = 3 + Math.floor(rnd() * 5);
    const ss: string[] = [];
    for (let k = 0; k < n; k++) ss.push(vary(pick(sentences)));
    const t = ss.join(' ');
    words += t.split(/\s+/).length;
    texts.push(t);
    parts.push(`<p>${esc(t)}</p>`);
    para++;
  }
  const html = page({
    title: 'CSTO archive: twenty years of reporting (full text) | Eurasia Archive',
    site: 'Eurasia Archive',
    bodyHtml: `<article id="article"><h1>CSTO archive: twenty years of reporting</h1>
<div class="meta"><span class="byline">Eurasia Archive</span> · <time>compiled edition</time> · ${words.toLocaleString('en-US')} words</div>
<div class="article-body">
${parts.join('\n')}
</div></article>`,
  });
  return { html, words, paragraphs: para, text: ['CSTO archive: twenty years of reporting', ...texts].join('\n') };
}

// ------------------------------------------------------------------ editable.html

function editablePage() {
  const fake = '<img src=x onerror=alert(1)> CSTO';
  const script = `// Trap: if anything turns page text into markup, the fake <img onerror> fires alert().
window.__xssFired = false;
window.alert = function () { window.__xssFired = true; document.documentElement.dataset.xss = 'fired'; };
var editorDraft = "Draft: the CSTO and Sergey Lavrov (this string lives in a script and must stay untouched)";`;
  const html = page({
    title: 'Newsroom editor — draft | Eurasia Desk',
    site: 'Eurasia Desk',
    bodyHtml: `<article id="article">
<h1>Newsroom editor</h1>
<p id="visible-mention">Visible paragraph: the CSTO summit opens on Monday.</p>
<p id="fake-markup">${esc(fake)}</p>
<h2>Editor</h2>
<div id="editor" contenteditable="true" style="border:1px solid #aaa;padding:8px;min-height:60px">The CSTO foreign ministers met Sergey Lavrov in the editor.</div>
<label>Notes <textarea id="notes" rows="3" cols="60">CSTO notes: call Sergey Lavrov's office.</textarea></label>
<label>Headline <input id="headline" type="text" value="CSTO: Sergey Lavrov speaks" size="50"></label>
<select id="topic"><option>Topic: CSTO</option><option>Topic: Sergey Lavrov</option></select>
<div id="hidden-display" style="display:none">Hidden: CSTO and Sergey Lavrov (display:none).</div>
<div id="hidden-attr" hidden>Hidden: CSTO and Sergey Lavrov (hidden attribute).</div>
<div id="hidden-visibility" style="visibility:hidden;height:0;overflow:hidden">Hidden: CSTO and Sergey Lavrov (visibility:hidden).</div>
<template id="tpl"><p>Template: CSTO and Sergey Lavrov.</p></template>
<noscript>Noscript: CSTO and Sergey Lavrov.</noscript>
<pre id="code"><code>const org = "CSTO"; // code sample mentioning Sergey Lavrov</code></pre>
</article>`,
    headExtra: `\n<style id="style-trap">/* CSTO Sergey Lavrov */ .x-csto{color:red}</style>`,
    script,
  });
  return { html };
}

// ------------------------------------------------------------------ ru.html

const RU_ARTICLE = {
  headline: 'Лавров: ОДКБ усилит защиту южных рубежей',
  lead: 'Министр иностранных дел России Сергей Лавров провёл переговоры с коллегами по Организации Договора о коллективной безопасности.',
  paras: [
    'МОСКВА, 26 мая. Глава МИД России Сергей Лавров заявил, что государства — члены ОДКБ должны уделять больше внимания выявлению иностранных боевиков и составлению единого списка террористических организаций.',
    'По словам Лаврова, обстановка на границе Таджикистана с Афганистаном остаётся напряжённой, поэтому Организация Договора о коллективной безопасности продолжит помогать таджикским пограничникам.',
    'Заседание Совета министров иностранных дел ОДКБ прошло в режиме видеоконференции. В нём приняли участие министры Армении, Белоруссии, Казахстана, Киргизии, России и Таджикистана.',
    'Представитель Казахстана поддержал предложение российской стороны синхронизировать антитеррористические программы ОДКБ с проектами СНГ и ШОС.',
    'Генеральный секретарь ОДКБ Станислав Зась отметил, что антинаркотическая операция «Канал» остаётся одной из самых эффективных. «Мы благодарны Сергею Лаврову за поддержку», — добавил он.',
    'Следующее заседание Парламентской ассамблеи ОДКБ пройдёт осенью.',
  ],
};

function ruPage() {
  const title = `${RU_ARTICLE.headline} | Новости Евразии`;
  const html = page({
    title,
    site: 'Новости Евразии',
    lang: 'ru',
    asideHtml: `<div class="box related"><h3>Читайте также</h3><ol><li><a href="#r1">Цены на пшеницу снизились третью неделю подряд</a></li><li><a href="#r2">В городе открылась новая линия метро</a></li></ol></div>`,
    bodyHtml: `<article id="article" lang="ru">
<h1>${esc(RU_ARTICLE.headline)}</h1>
<p class="lead">${esc(RU_ARTICLE.lead)}</p>
<div class="meta"><span class="byline">Новости Евразии</span> · <time>26 мая 2020</time></div>
<div class="article-body">
${RU_ARTICLE.paras
  .map((p) => `<p>${esc(p)}</p>`)
  .join('\n')
  .replace('Лаврова,', 'Лав<b>рова</b>,')
  .replace('Организация Договора о коллективной безопасности', 'Организация Договора о <em>коллективной</em> безопасности')}
</div></article>
${comments([['Айгерим', 'Хорошо, что о границе наконец говорят открыто.']])}`,
  });
  return { html, title, text: [RU_ARTICLE.headline, RU_ARTICLE.lead, ...RU_ARTICLE.paras].join('\n') };
}

// ------------------------------------------------------------------ plain.html

const PLAIN_ARTICLE = {
  headline: 'Georgia runoff: candidates make final pitch to voters',
  paras: [
    'ATLANTA — With two days left before the runoff, both candidates crisscrossed Georgia on Sunday, from Savannah to the suburbs of Atlanta.',
    'In an interview with Channel 4, the incumbent said the organization of the vote had improved since the primary, when long lines in Fulton County drew national attention.',
    'Her challenger, a former prosecutor, described a search for common ground on water rights and accused the campaign of hiring "a mercenary" consultant from out of state.',
    'Search engines recorded a spike in queries about polling places, and election officials urged voters to check the state website rather than social media.',
    'Interaction between the two campaigns has been minimal; the debate organized by the League of Women Voters was cancelled after the organization failed to agree on a format.',
    'A group of exchange students from Lyon who watched a rally summed it up in French: "C’est un grand jour pour la démocratie, un vrai moment d’histoire."',
    'Results are expected late on Tuesday. The Georgia Secretary of State said counting would continue overnight if needed.',
  ],
};

function plainPage() {
  const title = `${PLAIN_ARTICLE.headline} | The Daily Ledger`;
  const html = page({
    title,
    site: 'The Daily Ledger',
    bodyHtml: `<article id="article">
<h1>${esc(PLAIN_ARTICLE.headline)}</h1>
<div class="meta"><span class="byline">The Daily Ledger</span> · <time>Politics</time></div>
<div class="article-body">
${PLAIN_ARTICLE.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</div></article>
${comments([
  ['peachstate_voter', 'I waited two hours in line last time. Hoping the organization is better now.'],
  ['jdupont', 'Un grand jour indeed!'],
])}`,
  });
  return { html, title, text: [PLAIN_ARTICLE.headline, ...PLAIN_ARTICLE.paras].join('\n') };
}

// ------------------------------------------------------------------ learn.html

// A news page that is not a seed, for learning (issue 17): its statements are new to the knowledge base,
// and its metadata (canonical, og:site_name, article:published_time, JSON-LD) is what the reader reads.
const LEARN_ARTICLE = {
  headline: 'CSTO secretary general warns of militants massing near the Tajik-Afghan border',
  lead: 'The alliance will send additional forces to Tajikistan if needed, its secretary general said after talks in Dushanbe.',
  paras: [
    'DUSHANBE, November 14 (Steppe Wire) — The Secretary General of the Collective Security Treaty Organization, Imangali Tasmagambetov, said on Friday that the number of militants near the Tajik-Afghan border had grown over the autumn.',
    '"We are watching the concentration of armed groups along the border very closely, and the CSTO is ready to reinforce Tajikistan within days," Tasmagambetov told reporters after meeting President Emomali Rahmon.',
    'He added that the Collective Rapid Reaction Forces would hold a command-and-staff exercise in the Khatlon region next spring.',
    'Russian Foreign Minister Sergey Lavrov stressed in Moscow that the allies would keep strengthening the outer perimeter of the member states.',
  ],
};

function learnPage() {
  const title = `${LEARN_ARTICLE.headline} | Steppe Wire`;
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: LEARN_ARTICLE.headline, datePublished: '2025-11-14T09:30:00+05:00' });
  const html = page({
    title,
    site: 'Steppe Wire',
    headExtra:
      '\n<link rel="canonical" href="/learn.html">\n<meta property="og:site_name" content="Steppe Wire">' +
      '\n<meta property="article:published_time" content="2025-11-14T09:30:00+05:00">' +
      `\n<script type="application/ld+json">${ld}</script>`,
    bodyHtml: `<article id="article">
<h1>${esc(LEARN_ARTICLE.headline)}</h1>
<p class="lead">${esc(LEARN_ARTICLE.lead)}</p>
<div class="meta"><span class="byline">Steppe Wire</span> · <time datetime="2025-11-14">14 November 2025</time></div>
<div class="article-body">
${LEARN_ARTICLE.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</div></article>
${comments([['nomad77', 'Good that someone is watching the border.']])}`,
  });
  return { html, title };
}

// ------------------------------------------------------------------ density.html

// Issue 14.5, 14.9, 14.10: a dark news page (html.dark; #theme switches it to light) with chrome that
// names entities (banner navigation, a byline, a share bar, comments, a side column, a footer), a
// headline strip under aria-hidden that is on screen, an aria-hidden copy of zero size, and an
// article that names the same entities again and again.
const DENSITY = {
  headline: 'CSTO ministers meet in Moscow as Russia and Kazakhstan seek a common line',
  strip: ['Belarus hosts CSTO drills', 'Armenia weighs its CSTO membership'],
  hiddenCopy: 'Tajikistan copy for scripts',
  byline: 'By a Kyrgyzstan correspondent',
  paras: [
    'MOSCOW — Foreign ministers of the CSTO met in Moscow on Tuesday. Sergey Lavrov opened the meeting and said the CSTO would hold its next summit in Kazakhstan.',
    'Russia and Kazakhstan proposed a joint statement on the border with Afghanistan. Lavrov said Russia would send instructors; the CSTO secretariat would coordinate.',
    'Belarus backed the plan. Russia, Belarus and Kazakhstan will hold exercises next year, and the CSTO will publish a timetable.',
  ],
  nav: ['Russia', 'Belarus', 'CSTO', 'Economy'],
  comments: [['steppe_reader', 'Armenia should have been there.']] as Array<[string, string]>,
  aside: 'Most read: Tajikistan opens a new border post',
  footer: 'Night Desk · Uzbekistan bureau',
};

function densityPage() {
  const title = `${DENSITY.headline} | Night Desk`;
  const html = `<!doctype html>
<html lang="en" class="dark">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{margin:0;font:17px/1.6 Georgia,serif;background:#ffffff;color:#1a1a1a}
html.dark body{background:#121417;color:#e6e6e6}
a{color:inherit}
header.site{display:flex;gap:18px;align-items:center;padding:10px 24px;border-bottom:1px solid #444;font:14px Arial,sans-serif}
.strip{padding:6px 24px;font:14px Arial,sans-serif;border-bottom:1px solid #444}
.copy{width:0;height:0;overflow:hidden;position:absolute}
.wrap{display:flex;gap:32px;max-width:1100px;margin:0 auto;padding:16px 24px}
main{flex:1}aside{width:260px;font:14px Arial,sans-serif}
.meta,.share{font:13px Arial,sans-serif;opacity:.8}
footer{text-align:center;font:12px Arial,sans-serif;padding:24px}
</style>
</head>
<body>
<header class="site">
  <a class="logo" href="#">Night Desk</a>
  <nav class="main">${DENSITY.nav.map((n) => `<a href="#${n.toLowerCase()}">${esc(n)}</a>`).join(' ')}</nav>
  <button type="button" id="theme">Light / dark</button>
</header>
<div class="strip" id="strip" aria-hidden="true">Latest: ${DENSITY.strip.map((t) => `<a href="#s">${esc(t)}</a>`).join(' · ')}</div>
<div class="copy" id="copy" aria-hidden="true">${esc(DENSITY.hiddenCopy)}</div>
<div class="wrap">
<main>
<article id="article">
<h1>${esc(DENSITY.headline)}</h1>
<div class="meta"><span class="byline">${esc(DENSITY.byline)}</span> · <time>Tuesday</time></div>
${DENSITY.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="share"><a href="#share">Share: CSTO news on social media</a></div>
</article>
${comments(DENSITY.comments)}
</main>
<aside><p>${esc(DENSITY.aside)}</p></aside>
</div>
<footer>${esc(DENSITY.footer)}</footer>
<script>
document.getElementById('theme').addEventListener('click', function () { document.documentElement.classList.toggle('dark'); });
</script>
</body>
</html>
`;
  return { html, title };
}

// ------------------------------------------------------------------ main

function main() {
  mkdirSync(OUT, { recursive: true });
  const seedFiles = readdirSync(SEEDS_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
  if (seedFiles.length !== 5) throw new Error(`expected 5 seeds in ${SEEDS_DIR}, found ${seedFiles.length}`);
  const seedTexts = seedFiles.map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'));

  const expected: Record<string, unknown> = {
    _about:
      'Entity surface strings a correct highlighter should find in the visible text of each page, in document order. ' +
      '"mentions" = inside #article (headline, lead, body); "outside" = elsewhere in the visible page (asides, comments); ' +
      '"optional" = forms that may reasonably be marked or left. Generated by scripts/make-fixtures.ts from a hand-written ' +
      'lexicon (longest match, case-sensitive, whole words); refine by hand — the generator will overwrite this file.',
  };
  const write = (name: string, html: string) => writeFileSync(join(OUT, name), html);

  seedTexts.forEach((raw, i) => {
    const name = `seed-${String(i).padStart(3, '0')}.html`;
    const p = seedPage(i, raw);
    write(name, p.html);
    const outside = mentions(p.aside, LEXICON_EN);
    expected[name] = {
      seed: seedFiles[i],
      title: p.title,
      mentions: mentions(p.text, LEXICON_EN),
      ...(outside.length ? { outside } : {}),
      optional: [...new Set(mentions(p.text, OPTIONAL_EN))],
    };
  });

  write('spa.html', spaPage());
  const spaText = (s: { title: string; paras: string[] }) => [s.title, ...s.paras].join('\n');
  expected['spa.html'] = {
    title: 'CSTO foreign ministers meet in Moscow | Eurasia Live',
    note: 'Article body appears ~500 ms after load; #next pushState-navigates to ?story=2; #load-more appends a .live-entry after ~700 ms.',
    states: {
      story1: { title: 'CSTO foreign ministers meet in Moscow | Eurasia Live', mentions: mentions(spaText(SPA_STORIES['1']) + '\nNext story: CSTO Secretary General visits Bishkek', LEXICON_EN) },
      story2: { title: 'CSTO Secretary General visits Bishkek | Eurasia Live', mentions: mentions(spaText(SPA_STORIES['2']), LEXICON_EN) },
      liveEntry: { mentions: mentions(SPA_STORIES.live.paras[0]!, LEXICON_EN) },
    },
    optional: ['Moscow', 'Organization'],
  };

  const big = bigPage(seedTexts);
  write('big.html', big.html);
  expected['big.html'] = {
    title: 'CSTO archive: twenty years of reporting (full text) | Eurasia Archive',
    words: big.words,
    paragraphs: big.paragraphs,
    note: 'Too many to list: counts of each surface form in #article.',
    counts: counts(mentions(big.text, LEXICON_EN)),
    total: mentions(big.text, LEXICON_EN).length,
  };

  write('editable.html', editablePage().html);
  expected['editable.html'] = {
    title: 'Newsroom editor — draft | Eurasia Desk',
    mentions: ['CSTO', 'CSTO'],
    note:
      'Only #visible-mention and #fake-markup may be highlighted. #editor (contenteditable), #notes (textarea), #headline (input), ' +
      '#topic (select), hidden divs, <template>, <noscript>, <script>, <style> and <pre><code> must stay byte-for-byte unchanged. ' +
      '#fake-markup must keep its literal text "<img src=x onerror=alert(1)> CSTO"; window.__xssFired must stay false.',
    untouched: ['#editor', '#notes', '#headline', '#topic', '#hidden-display', '#hidden-attr', '#hidden-visibility', '#tpl', '#code'],
  };

  const ru = ruPage();
  write('ru.html', ru.html);
  expected['ru.html'] = {
    title: ru.title,
    lang: 'ru',
    mentions: mentions(ru.text, LEXICON_RU),
    optional: [...new Set(mentions(ru.text, OPTIONAL_RU))],
  };

  const plain = plainPage();
  write('plain.html', plain.html);
  expected['plain.html'] = {
    title: plain.title,
    mentions: [],
    note: 'Traps (none is a CSTO entity here): "Channel 4", "search"/"Search", "Interaction", "a mercenary", "the organization", "un grand jour", "Georgia" (US state).',
  };

  const learn = learnPage();
  write('learn.html', learn.html);
  expected['learn.html'] = {
    title: learn.title,
    note: 'Not a seed: learning it (issue 17) adds a statement by Imangali Tasmagambetov (Steppe Wire, 2025-11-14) to the knowledge base.',
  };

  const density = densityPage();
  write('density.html', density.html);
  const articleText = [DENSITY.headline, ...DENSITY.paras].join('\n');
  expected['density.html'] = {
    title: density.title,
    note: 'Dark page (html.dark; #theme toggles it). "strip": on screen under aria-hidden, highlighted; "hiddenCopy": aria-hidden and zero size, never. With "article body only": "mentions" only (headline and paragraphs); "chrome" is the rest.',
    mentions: mentions(articleText, LEXICON_EN),
    strip: mentions(DENSITY.strip.join('\n'), LEXICON_EN),
    chrome: mentions([...DENSITY.nav, DENSITY.byline, 'Share: CSTO news on social media', ...DENSITY.comments.map(([, t]) => t), DENSITY.aside, DENSITY.footer].join('\n'), LEXICON_EN),
    hiddenCopy: mentions(DENSITY.hiddenCopy, LEXICON_EN),
  };

  writeFileSync(join(OUT, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  const bigKb = Math.round(Buffer.byteLength(big.html) / 1024);
  console.log(`fixtures written to ${OUT} (big.html: ${big.words} words, ${big.paragraphs} paragraphs, ${bigKb} KiB)`);
}

main();
