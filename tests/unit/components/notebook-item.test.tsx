// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotebookItem, type NotebookEntry, type NotebookItemProps } from '../../../components/NotebookItem';

afterEach(cleanup);

const entry: NotebookEntry = {
  id: 'a1',
  quote: 'the CSTO met in Moscow',
  note: 'Summit',
  tags: ['csto', 'moscow'],
  color: 'green',
  created: '2026-11-30T10:00:00.000Z',
  title: 'CSTO summit | News',
  source: 'https://news.example/csto',
  orphan: false,
  byPosition: false,
  entityNames: ['CSTO'],
};

function props(over: Partial<NotebookItemProps> = {}): NotebookItemProps {
  return { entry, showPage: true, onSave: vi.fn(), onDelete: vi.fn(), onOpen: vi.fn(), ...over };
}

describe('NotebookItem', () => {
  it('shows the quote, note, tags, entities, date and page', () => {
    render(<NotebookItem {...props()} />);
    const item = screen.getByRole('listitem');
    expect(within(item).getByText('the CSTO met in Moscow')).toBeTruthy();
    expect(within(item).getByText('Summit')).toBeTruthy();
    expect(within(item).getByText('#csto')).toBeTruthy();
    expect(item.textContent).toContain('· CSTO');
    expect(item.textContent).toContain('2026-11-30');
    expect(within(item).getByText('CSTO summit | News').getAttribute('title')).toBe('https://news.example/csto');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('without the page when the list is of one page; an orphan says so', () => {
    render(<NotebookItem {...props({ showPage: false, entry: { ...entry, orphan: true } })} />);
    expect(screen.queryByText('CSTO summit | News')).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/orphan/);
  });

  it('a highlight anchored by position only says so, and without a quote says it will be read from the page', () => {
    render(<NotebookItem {...props({ entry: { ...entry, quote: '', byPosition: true } })} />);
    expect(screen.getByText('(no quote yet)')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/read from the page when you next open it/);
  });

  it('Open and Delete call back with its id', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<NotebookItem {...p} />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(p.onOpen).toHaveBeenCalledExactlyOnceWith('a1');
    expect(p.onDelete).toHaveBeenCalledExactlyOnceWith('a1');
  });

  it('edits in place: the panel starts from the entry, Save sends the change and goes back to the item', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<NotebookItem {...p} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const note = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    expect(note.value).toBe('Summit');
    await user.clear(note);
    await user.type(note, 'Summit of the CSTO');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(p.onSave).toHaveBeenCalledExactlyOnceWith('a1', { note: 'Summit of the CSTO', tags: ['csto', 'moscow'], color: 'green' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
  });

  it('closing the editor changes nothing', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<NotebookItem {...p} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), ' draft');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(p.onSave).not.toHaveBeenCalled();
    expect(screen.getByText('Summit')).toBeTruthy();
  });
});
