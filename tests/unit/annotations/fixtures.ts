// Shared test data for the annotation core: a fixed clock and a few annotations.
import { describe as describeSpan } from '../../../lib/anchoring';
import { HybridClock } from '../../../lib/annotations/hlc';
import { createAnnotation, deleteAnnotation, editAnnotation, type Annotation } from '../../../lib/annotations/model';

export const PAGE = 'Russian Foreign Minister Sergey Lavrov stressed on Tuesday that the Collective Security Treaty Organization (CSTO) should focus on counterterrorism cooperation, namely, on "foreign militants", identification.';

/** A clock whose physical time advances 1 s per reading from 2024-05-01T10:00:00Z. */
export function fakeClock(device = 'dev-a', start = Date.UTC(2024, 4, 1, 10)): HybridClock {
  let t = start;
  return new HybridClock(device, null, () => (t += 1000));
}

export function span(quote: string) {
  const i = PAGE.indexOf(quote);
  if (i < 0) throw new Error(quote);
  return describeSpan(PAGE, i, i + quote.length);
}

export function sample(): Annotation[] {
  const clock = fakeClock();
  const a = createAnnotation(
    {
      id: '11111111-1111-4111-8111-111111111111',
      source: 'https://www.pakistanpoint.com/en/world/news/csto-should-focus-1000000.html',
      title: 'CSTO Should Focus On Foreign Militants, "List" Of Terror Groups - Lavrov',
      selector: span('Collective Security Treaty Organization (CSTO)'),
      note: 'Definition, with a comma, a "quote"\nand a second line',
      tags: ['CSTO', 'counter terrorism', '#Lavrov'],
      color: 'green',
      entityIds: ['organization:csto', 'person:sergey-lavrov'],
    },
    clock,
  );
  const b = createAnnotation(
    {
      id: '22222222-2222-4222-8222-222222222222',
      source: 'https://www.pakistanpoint.com/en/world/news/csto-should-focus-1000000.html',
      title: 'CSTO Should Focus On Foreign Militants, "List" Of Terror Groups - Lavrov',
      selector: span('should focus on counterterrorism cooperation'),
    },
    clock,
  );
  const c = editAnnotation(
    createAnnotation(
      {
        id: '33333333-3333-4333-8333-333333333333',
        source: 'https://en.odkb-csto.org/news/news_odkb/example/',
        title: 'Collective Security Council [session]',
        selector: span('"foreign militants"'),
        tags: ['=cmd'],
      },
      clock,
    ),
    { note: '-1 formula-looking note', color: 'purple' },
    clock,
  );
  const gone = deleteAnnotation(
    createAnnotation({ id: '44444444-4444-4444-8444-444444444444', source: 'https://example.org/x', title: 'Deleted', selector: span('Lavrov') }, clock),
    clock,
  );
  return [a, b, c, gone];
}
