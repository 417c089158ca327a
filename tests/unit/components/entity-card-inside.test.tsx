// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityCard } from '../../../components/EntityCard';
import type { CardData } from '../../../lib/kb/card';

// The card of a nested name ("генсек ОДКБ") offers the entities named inside it.

afterEach(cleanup);

const data = (inside?: CardData['inside']): CardData => ({
  entity: { id: 'body:csto-secretary-general', type: 'body', name: 'CSTO Secretary General', description: 'The chief administrative officer of the CSTO.', aliases: ['генсек ОДКБ'] },
  facts: [],
  statements: [],
  peers: [],
  ...(inside ? { inside } : {}),
});

const props = { mention: null, onPrev: () => {}, onNext: () => {}, onClose: () => {}, onOpenSource: () => {} };

describe('EntityCard: named inside', () => {
  it('lists the entities inside the name and opens one on click', async () => {
    const onPeer = vi.fn();
    render(<EntityCard {...props} data={data([{ id: 'org:csto', type: 'organization', name: 'Collective Security Treaty Organization' }])} onPeer={onPeer} />);
    const section = screen.getByRole('region', { name: 'Named inside' });
    await userEvent.click(section.querySelector('button[data-entity-id="org:csto"]')!);
    expect(onPeer).toHaveBeenCalledWith('org:csto');
  });

  it('shows no such section when nothing is inside', () => {
    render(<EntityCard {...props} data={data()} onPeer={() => {}} />);
    expect(screen.queryByRole('region', { name: 'Named inside' })).toBeNull();
  });
});
