// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SelectionToolbar } from '../../../components/SelectionToolbar';

afterEach(cleanup);

describe('SelectionToolbar', () => {
  it('a toolbar (WAI APG): the arrow keys, Home and End move among its buttons, wrapping around', async () => {
    const user = userEvent.setup();
    render(<SelectionToolbar onHighlight={vi.fn()} onAnnotate={vi.fn()} onRelated={vi.fn()} />);
    const bar = screen.getByRole('toolbar', { name: 'CSTO Lens selection' });
    const buttons = screen.getAllByRole('button');
    expect(bar.contains(buttons[0]!)).toBe(true);
    buttons[0]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(buttons[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Related statements' }));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(buttons[0]);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(buttons[buttons.length - 1]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('shows the shortcut of "highlight the selection" on its colour, and what Note… does', () => {
    render(<SelectionToolbar onHighlight={vi.fn()} onAnnotate={vi.fn()} onRelated={vi.fn()} highlightShortcut="Alt+Shift+Y" />);
    const yellow = screen.getByRole('button', { name: 'Highlight: yellow' });
    expect(yellow.getAttribute('title')).toBe('Highlight: yellow (Alt+Shift+Y)');
    expect(yellow.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+Y');
    expect(screen.getByRole('button', { name: 'Highlight: green' }).getAttribute('title')).toBe('Highlight: green');
    expect(screen.getByRole('button', { name: 'Note…' }).getAttribute('title')).toMatch(/Ctrl\+Enter saves, Esc closes/);
  });

  it('calls back with the colour, for a note and for related statements', async () => {
    const user = userEvent.setup();
    const p = { onHighlight: vi.fn(), onAnnotate: vi.fn(), onRelated: vi.fn() };
    render(<SelectionToolbar {...p} />);
    await user.click(screen.getByRole('button', { name: 'Highlight: pink' }));
    await user.click(screen.getByRole('button', { name: 'Note…' }));
    await user.click(screen.getByRole('button', { name: 'Related statements' }));
    expect(p.onHighlight).toHaveBeenCalledExactlyOnceWith('pink');
    expect(p.onAnnotate).toHaveBeenCalledOnce();
    expect(p.onRelated).toHaveBeenCalledOnce();
  });
});
