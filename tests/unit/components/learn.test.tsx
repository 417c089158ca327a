// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LearnPanel } from '../../../components/LearnPanel';
import { SourcesView } from '../../../components/SourcesView';

afterEach(cleanup);
const summary = {
  id: 'l-1',
  url: 'https://steppe.example/a',
  title: 'CSTO secretary general warns',
  outlet: 'Steppe Wire',
  date: '2025-11-14',
  lang: 'en',
  addedAt: '2025-11-15T10:00:00.000Z',
  updatedAt: '2025-11-15T10:00:00.000Z',
  statements: 2,
  facts: 1,
  mentions: 9,
};
const handlers = () => ({ onLearn: vi.fn(), onRemove: vi.fn(), onUndo: vi.fn() });

describe('LearnPanel', () => {
  it('offers to add the page, says what it brought, removes and undoes', async () => {
    const h = handlers();
    const { rerender } = render(<LearnPanel state={{ kind: 'idle' }} {...h} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add this page to my knowledge base' }));
    expect(h.onLearn).toHaveBeenCalledTimes(1);
    rerender(<LearnPanel state={{ kind: 'learned', summary, created: true }} {...h} />);
    expect(screen.getByTestId('learned').textContent).toBe('In your knowledge base: 2 statements, 1 fact from Steppe Wire, 14 November 2025.');
    await userEvent.click(screen.getByRole('button', { name: 'Remove it' }));
    expect(h.onRemove).toHaveBeenCalledTimes(1);
    rerender(<LearnPanel state={{ kind: 'removed', doc: { ...summary, urls: [], text: '', textHash: '', titleKey: '' } }} {...h} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(h.onUndo).toHaveBeenCalledTimes(1);
  });

  it('says why a page cannot be learned, and offers to try again', () => {
    render(<LearnPanel state={{ kind: 'error', error: 'This page is too large to learn from.' }} {...handlers()} />);
    expect(screen.getByRole('alert').textContent).toMatch(/too large.*Try again/);
  });
});

describe('SourcesView', () => {
  it('lists each learned page with its counts, the stored text and the original page', async () => {
    const onRemove = vi.fn();
    render(<SourcesView sources={[summary]} removedTitle={null} busy={false} viewerHref={(id) => `viewer.html?doc=${id}`} onRemove={onRemove} onUndo={vi.fn()} onExport={vi.fn()} />);
    const row = screen.getByText('CSTO secretary general warns').closest('li')!;
    expect(row.textContent).toMatch(/Steppe Wire, 14 November 2025 · 2 statements, 1 facts, 9 mentions/);
    expect(screen.getByRole('link', { name: 'CSTO secretary general warns' }).getAttribute('href')).toBe('viewer.html?doc=l-1');
    expect(screen.getByRole('link', { name: 'original page' }).getAttribute('href')).toBe('https://steppe.example/a');
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onRemove).toHaveBeenCalledWith('l-1');
  });

  it('says how to add a page when there is none, and offers undo after a removal', () => {
    render(<SourcesView sources={[]} removedTitle="Old page" busy={false} viewerHref={() => ''} onRemove={vi.fn()} onUndo={vi.fn()} onExport={vi.fn()} />);
    expect(screen.getByText(/Add this page to my knowledge base/)).toBeTruthy();
    expect(screen.getByTestId('source-removed').textContent).toMatch(/Removed “Old page”/);
  });
});
