import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { extractDocument } from '../../lib/kb/extract-document';
import { readMetadata } from '../../lib/kb/metadata';
import type { KnowledgeService } from '../../lib/kb/service';
import type { Alias } from '../../lib/model/types';
import { readArticle } from '../../lib/nlp/article';
import { postTitlesByPerson, registryPosts } from '../../lib/registry/posts';
import { diskSources } from './sources';

// `kb extract`: plain-text or HTML files through the code the extension runs on a page
// (lib/nlp/article.ts reads the article from a DOM, lib/kb/extract-document.ts extracts).

const isHtml = (file: string, text: string): boolean => /\.x?html?$/i.test(file) || /^\s*<(?:!doctype|html|head|body)/i.test(text);

export async function extractFiles(kb: KnowledgeService, files: string[], url: string | null) {
  const texts: { file: string; raw: string }[] = [];
  for (const file of files) {
    try {
      texts.push({ file, raw: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file)) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { error: `no such file: ${file}` };
      if (code === 'EISDIR') return { error: `${file} is a directory, not a file` };
      if (err instanceof TypeError) return { error: `${file} is not valid UTF-8 text` };
      return { error: `cannot read ${file}: ${(err as Error).message}` };
    }
  }
  const registry = diskSources().registry;
  const entities = await kb.db.entities.toArray();
  const aliases: Alias[] = (await kb.db.aliases.toArray()).map((a) => ({
    text: a.text, entityId: a.entityId, caseSensitive: a.caseSensitive,
    ...(a.context ? { context: a.context } : {}), ...(a.lang ? { lang: a.lang } : {}),
  }));
  const ctx = { entities, aliases, posts: registryPosts(registry), postTitles: postTitlesByPerson(registry) };
  const documents = texts.map(({ file, raw }) => {
    let meta: { title: string; text: string; outlet: string; date: string | null; datePrecision: string; lang: string | null; url: string | null };
    if (isHtml(file, raw)) {
      const { document } = parseHTML(raw);
      const a = readArticle(document as unknown as Document, url);
      meta = { title: a.title, text: a.text, outlet: a.outlet, date: a.date, datePrecision: a.datePrecision, lang: a.lang, url: a.canonicalUrl ?? url };
    } else {
      const m = readMetadata(raw);
      let outlet = m.outlet;
      if (outlet === 'unknown outlet' && url) outlet = new URL(url).hostname.replace(/^www\./, '');
      meta = { title: m.title, text: raw, outlet, date: m.date, datePrecision: m.datePrecision, lang: null, url };
    }
    const x = extractDocument({ text: meta.text, date: meta.date, outlet: meta.outlet, lang: meta.lang, title: meta.title }, ctx);
    return {
      file,
      url: meta.url,
      title: meta.title,
      outlet: meta.outlet,
      date: meta.date,
      datePrecision: meta.datePrecision,
      lang: meta.lang,
      text: meta.text,
      statements: x.statements.map((s) => ({
        kind: s.kind, text: s.text, speakerId: s.speakerId, speakerName: s.speakerName, speakerMention: s.speakerMention,
        start: s.start, end: s.end, entityIds: s.entityIds,
      })),
      facts: x.facts.map((f) => ({ entityId: f.entityId, kind: f.kind, text: f.text, start: f.start, end: f.end, objectIds: f.objectIds })),
      newEntities: x.newEntities,
    };
  });
  return { documents };
}
