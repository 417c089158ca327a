// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityCard } from '../../../components/EntityCard';
import { StatementTimeline } from '../../../components/StatementTimeline';
import type { CardData } from '../../../lib/kb/card';
import { buildTimeline } from '../../../lib/kb/timeline';
import type { SourceDocument, Statement } from '../../../lib/model/types';

// The statement timeline in the notebook, and the card's way to it (issue 17.5).

afterEach(cleanup);

const doc = (id: string, date: string | null, over: Partial<SourceDocument> = {}): SourceDocument => ({
  id, file: `${id}.txt`, title: `Title ${id}`, outlet: 'TASS', date, datePrecision: date ? 'day' : 'unknown', text: '', hash: '', ...over,
});
const st = (id: string, documentId: string, speakerId: string, speakerName: string): Statement => ({
  id, documentId, kind: 'quote', text: `Words of ${id}`, start: 0, end: 1, speakerId, speakerName, speakerMention: null, date: null, entityIds: ['person:zas'],
});
const docs = new Map([doc('a', '2016-11-14'), doc('l-1', '2025-03-04', { origin: 'learned', outlet: 'Example Wire', url: 'https://example.org/x' }), doc('u', null)].map((d) => [d.id, d]));
const statements = [st('a:st:1', 'a', 'person:zas', 'Stanislav Zas'), st('l-1:st:1', 'l-1', 'person:lavrov', 'Sergey Lavrov'), st('u:st:1', 'u', 'person:zas', 'Stanislav Zas')];
const ZAS = { id: 'person:zas', type: 'person' as const, name: 'Stanislav Zas' };

describe('StatementTimeline', () => {
  it('lists newest first with year headings, links each to its sentence in the viewer, and filters by speaker and source', async () => {
    const onFilter = vi.fn();
    render(
      <StatementTimeline query="" results={[]} onQuery={() => {}} onPick={() => {}} timeline={buildTimeline(ZAS, statements, docs)} filter={{}} onFilter={onFilter}
        statementHref={(i) => `viewer.html?doc=${i.source.documentId}#statement-${i.id}`} />,
    );
    const items = screen.getAllByRole('listitem').filter((li) => li.dataset.statementId);
    expect(items.map((li) => li.dataset.statementId)).toEqual(['l-1:st:1', 'a:st:1', 'u:st:1']);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['2025', '2016', 'Undated']);
    expect(within(items[0]!).getByRole('link').getAttribute('href')).toBe('viewer.html?doc=l-1#statement-l-1:st:1');
    expect(items[0]!.textContent).toMatch(/Example Wire \(a page you added\)/);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Speaker/ }), 'person:lavrov');
    expect(onFilter).toHaveBeenLastCalledWith({ speaker: 'person:lavrov' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Source/ }), 'learned');
    expect(onFilter).toHaveBeenLastCalledWith({ source: 'learned' });
  });

  it('shows "n of N" when filtered, and offers the entities found by the search', async () => {
    const onPick = vi.fn();
    const onQuery = vi.fn();
    render(
      <StatementTimeline query="za" results={[{ id: 'person:zas', name: 'Stanislav Zas', type: 'person' }]} onQuery={onQuery} onPick={onPick}
        timeline={buildTimeline(ZAS, statements, docs, { source: 'learned' })} filter={{ source: 'learned' }} onFilter={() => {}} statementHref={() => '#'} />,
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Stanislav Zas: 1 of 3 statements');
    await userEvent.click(screen.getByRole('button', { name: /Stanislav Zas/ }));
    expect(onPick).toHaveBeenCalledWith('person:zas');
    await userEvent.type(screen.getByRole('searchbox'), 's');
    expect(onQuery).toHaveBeenLastCalledWith('zas');
  });
});

describe('EntityCard: the way to the timeline', () => {
  const data: CardData = { entity: { ...ZAS, description: 'CSTO Secretary General.', aliases: [] }, facts: [], statements: [], peers: [], timelineCount: 12 };
  const props = { mention: null, onPrev: () => {}, onNext: () => {}, onClose: () => {}, onOpenSource: () => {}, onPeer: () => {} };
  it('offers "All statements (N)" and opens the timeline of the entity', async () => {
    const onOpenTimeline = vi.fn();
    render(<EntityCard {...props} data={data} onOpenTimeline={onOpenTimeline} />);
    await userEvent.click(screen.getByRole('button', { name: 'All statements (12), by date' }));
    expect(onOpenTimeline).toHaveBeenCalledWith('person:zas');
  });
  it('offers nothing when the entity has no statements', () => {
    render(<EntityCard {...props} data={{ ...data, timelineCount: undefined }} onOpenTimeline={() => {}} />);
    expect(screen.queryByTestId('open-timeline')).toBeNull();
  });
});
