// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageContextView, type PageContextViewProps } from '../../../components/PageContextView';
import type { CardData } from '../../../lib/kb/card';
import type { PageContext } from '../../../lib/kb/page-context';

afterEach(cleanup);

const source = { documentId: 'doc-1', title: 'CSTO foreign ministers meet in Yerevan', outlet: 'TASS', date: '2021-06-10', datePrecision: 'day' as const };
const context: PageContext = {
  entities: [
    {
      entityId: 'org:csto',
      name: 'Collective Security Treaty Organization',
      type: 'organization',
      description: 'A military alliance of six post-Soviet states.',
      count: 4,
      latest: { id: 'st-1', text: 'The CSTO is ready to help.', speakerName: 'Stanislav Zas', date: '2021-06-10', source, relation: 'names' },
    },
    { entityId: 'country:armenia', name: 'Armenia', type: 'country', description: 'A member state.', count: 1, latest: null },
  ],
  related: [
    { id: 'st-2', text: 'Security in Central Asia is our priority.', kind: 'quote', speakerId: null, speakerName: 'Sergei Lavrov', date: '2021-06-10', source, score: 1.2, shared: [] },
  ],
};

function props(over: Partial<PageContextViewProps> = {}): PageContextViewProps {
  return {
    status: 'ready',
    context,
    cards: {},
    statementHref: (s, d) => `chrome-extension://x/viewer.html?doc=${d}#statement-${s}`,
    onRead: vi.fn(),
    onExpand: vi.fn(),
    onReveal: vi.fn(),
    ...over,
  };
}

describe('PageContextView', () => {
  it('groups the page\'s entities by type, each with its description and latest statement, linked to the sentence', () => {
    render(<PageContextView {...props()} />);
    const csto = screen.getByText('Collective Security Treaty Organization').closest('li')!;
    expect(within(csto).getByText(/A military alliance/)).toBeTruthy();
    const latest = within(csto).getByTestId('latest-statement');
    expect(latest.textContent).toMatch(/The CSTO is ready to help\..*Stanislav Zas, TASS/);
    expect(within(latest).getByRole('link').getAttribute('href')).toBe('chrome-extension://x/viewer.html?doc=doc-1#statement-st-1');
    expect(screen.getByRole('heading', { name: 'Organizations' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Countries' })).toBeTruthy();
  });

  it('lists the related statements with speaker, outlet and a real link (never "#")', () => {
    render(<PageContextView {...props()} />);
    const related = screen.getByTestId('related-statements');
    expect(related.textContent).toMatch(/Security in Central Asia.*Sergei Lavrov, TASS/);
    for (const a of screen.getAllByRole('link')) expect(a.getAttribute('href')).not.toBe('#');
  });

  it('expands an entity to its card\'s facts and statements, asking for the card once it opens', async () => {
    const onExpand = vi.fn();
    const card: CardData = {
      entity: { id: 'org:csto', type: 'organization', name: 'CSTO', description: 'A military alliance.', aliases: [] },
      facts: [{ id: 'f1', kind: 'founded', text: 'Founded in 2002.', source: null, start: null, end: null }],
      statements: [],
      peers: [],
    };
    const { rerender } = render(<PageContextView {...props({ onExpand })} />);
    await userEvent.click(screen.getByText('Collective Security Treaty Organization'));
    expect(onExpand).toHaveBeenCalledWith('org:csto');
    rerender(<PageContextView {...props({ onExpand, cards: { 'org:csto': card } })} />);
    expect(screen.getByText('Founded in 2002.')).toBeTruthy();
  });

  it('asks before reading a page where highlighting is off', async () => {
    const onRead = vi.fn();
    render(<PageContextView {...props({ status: 'ask', context: null, onRead })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Read this page' }));
    expect(onRead).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('related-statements')).toBeNull();
  });

  it('says why it is empty on a page that names no entity', () => {
    render(<PageContextView {...props({ context: { entities: [], related: [] } })} />);
    expect(screen.getByTestId('no-entities').textContent).toMatch(/names no CSTO entity/);
  });
});
