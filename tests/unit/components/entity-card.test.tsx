// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityCard, type EntityCardProps } from '../../../components/EntityCard';
import type { CardData } from '../../../lib/kb/card';

afterEach(cleanup);

const tass = { documentId: 'd-tass', title: 'Russia uses full potential of SCO, CSTO to fight threats from Afghanistan — top diplomat', outlet: 'TASS', date: '2021-10-27', datePrecision: 'day' as const };
const mfa = { ...tass, documentId: 'd-mfa', outlet: 'Ministry of Foreign Affairs of Russia', title: 'Remarks in Bishkek' };
const statement = (i: number) => ({
  id: `st-${i}`,
  kind: 'quote' as const,
  text: `Statement number ${i} about the CSTO.`,
  speakerId: 'person:sergey-lavrov',
  speakerName: 'Sergey Lavrov',
  date: '2021-10-27',
  source: tass,
  relation: 'spoken' as const,
});
const data: CardData = {
  entity: { id: 'person:sergey-lavrov', type: 'person', name: 'Sergey Lavrov', description: 'Russian diplomat.', aliases: ['Lavrov'] },
  facts: [
    { id: 'f1', kind: 'role', text: 'Russian Foreign Minister', source: tass, start: 10, end: 40, also: [mfa] },
    { id: 'f2', kind: 'registry', text: 'Minister since 2004.', source: null, start: null, end: null },
    ...[3, 4, 5].map((i) => ({ id: `f${i}`, kind: 'k', text: `Fact ${i}.`, source: tass, start: 0, end: 5 })),
  ],
  statements: [1, 2, 3, 4, 5].map(statement),
  peers: [{ id: 'org:csto', name: 'CSTO', type: 'organization', count: 4 }],
};

function props(over: Partial<EntityCardProps> = {}): EntityCardProps {
  return { data, mention: { index: 1, total: 5 }, onPrev: vi.fn(), onNext: vi.fn(), onClose: vi.fn(), onOpenSource: vi.fn(), onPeer: vi.fn(), ...over };
}

describe('EntityCard', () => {
  it('shows what the entity is, its statements before its facts, and where it is on the page', () => {
    render(<EntityCard {...props()} />);
    expect(screen.getByRole('dialog', { name: 'Sergey Lavrov' })).toBeTruthy();
    expect(screen.getByText('Russian diplomat.')).toBeTruthy();
    expect(screen.getByText(/5 mentions on this page \(2 of 5\)/)).toBeTruthy();
    const sections = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));
    expect(sections.indexOf('Related statements')).toBeLessThan(sections.indexOf('Facts'));
  });

  it('three statements and three facts at first; "more" shows the rest', async () => {
    render(<EntityCard {...props()} />);
    const statements = screen.getByRole('region', { name: 'Related statements' });
    expect(within(statements).getAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(within(statements).getByRole('button', { name: '2 more' }));
    expect(within(statements).getAllByRole('listitem')).toHaveLength(5);
    const facts = screen.getByRole('region', { name: 'Facts' });
    expect(within(facts).getAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(within(facts).getByRole('button', { name: '2 more facts' }));
    expect(within(facts).getAllByRole('listitem')).toHaveLength(5);
  });

  it('a fact shows its source with the whole title, the other sources that state it, and opens its passage', async () => {
    const onOpenSource = vi.fn();
    render(<EntityCard {...props({ onOpenSource })} />);
    const role = screen.getByText('Russian Foreign Minister').closest('li')!;
    expect(role.textContent).toContain(tass.title); // never cut
    expect(role.textContent).toMatch(/Also in Ministry of Foreign Affairs of Russia\./);
    await userEvent.click(within(role).getByRole('link'));
    expect(onOpenSource).toHaveBeenCalledWith({ documentId: 'd-tass', start: 10, end: 40 });
    expect(screen.getByText('Minister since 2004.').closest('li')!.textContent).toMatch(/CSTO Lens registry/);
  });

  it('every source is a real link (the viewer at the sentence or passage, never "#"); a plain click opens it through the callback', async () => {
    const onOpenSource = vi.fn();
    render(<EntityCard {...props({ onOpenSource, sourceHref: (t) => `ext://viewer?doc=${t.documentId}${t.statementId ? `#${t.statementId}` : `&start=${t.start}`}` })} />);
    const hrefs = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('ext://viewer?doc=d-tass#st-1');
    expect(hrefs).toContain('ext://viewer?doc=d-tass&start=10');
    expect(hrefs.every((h) => h && h !== '#')).toBe(true);
    await userEvent.click(screen.getAllByRole('link')[0]!);
    expect(onOpenSource).toHaveBeenCalledWith({ documentId: 'd-tass', statementId: 'st-1' });
  });

  it('the default link is the viewer\'s path; buttons say their keys in their tooltips', () => {
    render(<EntityCard {...props()} />);
    expect(screen.getAllByRole('link')[0]!.getAttribute('href')).toBe('/viewer.html?doc=d-tass#statement-st-1');
    expect(screen.getByRole('button', { name: 'Close' }).getAttribute('title')).toBe('Close (Esc)');
  });

  it('walks mentions and peers through its callbacks, and closes', async () => {
    const p = props();
    render(<EntityCard {...p} />);
    await userEvent.click(screen.getByRole('button', { name: 'Next mention' }));
    await userEvent.click(screen.getByRole('button', { name: 'Previous mention' }));
    await userEvent.click(screen.getByRole('button', { name: /CSTO/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect([p.onNext, p.onPrev, p.onClose].map((f) => (f as ReturnType<typeof vi.fn>).mock.calls.length)).toEqual([1, 1, 1]);
    expect(p.onPeer).toHaveBeenCalledWith('org:csto');
  });

  it('says it is loading, and says why it failed', () => {
    const { rerender } = render(<EntityCard {...props({ data: null })} />);
    expect(screen.getByRole('dialog').getAttribute('aria-busy')).toBe('true');
    rerender(<EntityCard {...props({ data: null, error: 'the knowledge base is being rebuilt' })} />);
    expect(screen.getByRole('alert').textContent).toMatch(/being rebuilt/);
  });
});
