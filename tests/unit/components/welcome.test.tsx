// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Shortcuts } from '../../../components/Shortcuts';
import { Welcome } from '../../../components/Welcome';

afterEach(cleanup);
const stats = { documents: 5, entities: 162, aliases: 900, mentions: 400, sentences: 300, statements: 42, facts: 81 };

describe('Welcome', () => {
  it('shows the build in progress, then the knowledge base ready with its counts', () => {
    const props = { shortcuts: null, onOpenNotebook: vi.fn(), onOpenSettings: vi.fn() };
    const { rerender } = render(<Welcome {...props} progress={{ ready: false, stats: null }} />);
    expect(screen.getByRole('progressbar', { name: 'Building the knowledge base' })).toBeTruthy();
    expect(screen.queryByTestId('kb-ready')).toBeNull();
    rerender(<Welcome {...props} progress={{ ready: true, stats: stats as never }} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('kb-ready').textContent).toMatch(/5 documents, 162 entities, 42 statements, 81 facts/);
  });

  it('says where the notebook is and opens it', async () => {
    const onOpenNotebook = vi.fn();
    render(<Welcome progress={{ ready: false, stats: null }} shortcuts={null} onOpenNotebook={onOpenNotebook} onOpenSettings={vi.fn()} />);
    expect(screen.getByText(/side panel \(Chrome\) or the sidebar \(Firefox\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open the notebook' }));
    expect(onOpenNotebook).toHaveBeenCalledTimes(1);
  });
});

describe('Shortcuts', () => {
  it('lists each command with its keys, and says which have none', () => {
    render(
      <Shortcuts
        changeHint="Change them at chrome://extensions/shortcuts."
        shortcuts={[
          { name: 'highlight-selection', description: 'Highlight the selected text', keys: 'Alt+Shift+Y' },
          { name: 'toggle-highlights', description: 'Toggle CSTO highlights on this site', keys: '' },
        ]}
      />,
    );
    expect(screen.getByText('Alt+Shift+Y').tagName).toBe('KBD');
    expect(screen.getByText('Toggle CSTO highlights on this site').closest('tr')!.textContent).toMatch(/not set/);
  });
});
