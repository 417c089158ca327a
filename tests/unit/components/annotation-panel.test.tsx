// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnnotationPanel, parseTags, type AnnotationPanelProps } from '../../../components/AnnotationPanel';

afterEach(cleanup);

function props(over: Partial<AnnotationPanelProps> = {}): AnnotationPanelProps {
  return {
    quote: 'the CSTO met in Moscow on Monday',
    draft: { note: '', tags: [], color: 'yellow' },
    mode: 'new',
    onSave: vi.fn(),
    onClose: vi.fn(),
    ...over,
  };
}

describe('AnnotationPanel', () => {
  it('a new highlight: the note field has the focus, and Save sends the note, the tags split at commas and the colour', async () => {
    const user = userEvent.setup();
    const p = props();
    render(<AnnotationPanel {...p} />);
    expect(screen.getByRole('dialog', { name: 'New highlight' })).toBeTruthy();
    const note = screen.getByRole('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(note);
    await user.keyboard('Summit in Moscow');
    await user.type(screen.getByRole('textbox', { name: /Tags/ }), ' summit, moscow ,, ');
    await user.click(screen.getByRole('button', { name: 'Colour: blue' }));
    expect(screen.getByRole('button', { name: 'Colour: blue' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(p.onSave).toHaveBeenCalledExactlyOnceWith({ note: 'Summit in Moscow', tags: ['summit', 'moscow'], color: 'blue' });
  });

  it('Ctrl+Enter saves from any field; the close button closes', async () => {
    const user = userEvent.setup();
    const p = props({ draft: { note: 'kept', tags: ['a'], color: 'green' } });
    render(<AnnotationPanel {...p} />);
    await user.click(screen.getByRole('textbox', { name: /Tags/ }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(p.onSave).toHaveBeenCalledExactlyOnceWith({ note: 'kept', tags: ['a'], color: 'green' });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(p.onClose).toHaveBeenCalledOnce();
  });

  it('an existing highlight shows its note and tags, edits on demand, and deletes', async () => {
    const user = userEvent.setup();
    const p = props({ mode: 'view', draft: { note: 'Look again', tags: ['csto', 'summit'], color: 'pink' }, onDelete: vi.fn() });
    render(<AnnotationPanel {...p} />);
    expect(screen.getByRole('dialog', { name: 'Highlight' })).toBeTruthy();
    expect(screen.getByText('Look again')).toBeTruthy();
    expect(screen.getByText('#csto')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Look again');
    expect((screen.getByRole('textbox', { name: /Tags/ }) as HTMLInputElement).value).toBe('csto, summit');
    cleanup();
    render(<AnnotationPanel {...p} />);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(p.onDelete).toHaveBeenCalledOnce();
  });

  it('shows an error as an alert, and a long quote cut', () => {
    render(<AnnotationPanel {...props({ error: 'could not save', quote: 'x'.repeat(300) })} />);
    expect(screen.getByRole('alert').textContent).toBe('could not save');
    expect(screen.getByText(/^x+…$/).textContent).toHaveLength(199);
  });

  it('parseTags splits at commas and new lines and drops empty tags', () => {
    expect(parseTags(' a, b\nc ,, ')).toEqual(['a', 'b', 'c']);
  });
});
