import { Dexie } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { LensDb } from '../../../lib/db/database';
import { KnowledgeService } from '../../../lib/kb/service';
import { diskSources } from '../../../scripts/lib/sources';

// A nested name ("генсек ОДКБ", "МИД России") is one highlight, of the post or the ministry; its
// card offers the entities named inside it, so the reader can open the CSTO or Russia from there.

const name = `ru-nested-${process.pid}`;
const svc = new KnowledgeService(new LensDb(name), () => diskSources());
afterAll(async () => {
  svc.db.close();
  await Dexie.delete(name);
});

describe('nested names', () => {
  it.each([
    ['Об этом сообщил генсек ОДКБ.', 'генсек ОДКБ', 'body:csto-secretary-general', ['org:csto']],
    ['Как заявили в МИД России, встреча состоится.', 'МИД России', 'org:russian-mfa', ['country:russia']],
    ['Заседание Совета министров иностранных дел ОДКБ прошло в Минске.', 'Совета министров иностранных дел ОДКБ', 'body:csto-cfm', ['org:csto']],
    ['Выступил заместитель Генерального секретаря ОДКБ.', 'заместитель Генерального секретаря ОДКБ', 'body:csto-deputy-secretary-general', ['body:csto-secretary-general', 'org:csto']],
  ])('%s', async (text, span, outer, inner) => {
    const spans = await svc.match(text);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.entityId])).toContainEqual([span, outer]);
    const card = await svc.card(outer);
    const inside = (card?.inside ?? []).map((e) => e.id);
    for (const id of inner) expect(inside).toContain(id);
    expect(inside).not.toContain(outer);
  }, 60_000);

  it('a name with nothing inside has no such list', async () => {
    expect((await svc.card('country:kazakhstan'))?.inside).toBeUndefined();
  });
});
