// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotebookView, type NotebookViewProps } from '../../../components/NotebookView';
import { EMPTY_FILTER } from '../../../lib/ui/notebook-filter';

afterEach(cleanup);

const entry = (id: string, source: string) => ({ id, quote: `quote ${id}`, note: '', tags: [], color: 'yellow' as const, created: '2024-05-01T10:00:00.000Z', title: `Page ${id}`, source, orphan: false, byPosition: false, entityNames: [] });

function view(over: Partial<NotebookViewProps> = {}) {
  const props: NotebookViewProps = {
    groups: [
      { source: 'https://news.example/a', title: 'Page a', items: [entry('a', 'https://news.example/a')] },
      { source: 'javascript:alert(1)', title: 'Evil', items: [entry('b', 'javascript:alert(1)')] },
    ],
    total: 3,
    grouped: true,
    filter: EMPTY_FILTER,
    facets: { sites: [], tags: [], entities: [] },
    undo: null,
    message: null,
    onFilter: vi.fn(),
    onGrouped: vi.fn(),
    onSave: vi.fn(),
    onDelete: vi.fn(),
    onOpen: vi.fn(),
    exportFormat: 'markdown',
    onExportFormat: vi.fn(),
    onExport: vi.fn(),
    importScoped: false,
    onImportScoped: vi.fn(),
    onImport: vi.fn(),
    importPanel: null,
    ...over,
  };
  render(<NotebookView {...props} />);
  return props;
}

describe('NotebookView: export and import scope', () => {
  it('exports what is shown, everything, or one page', async () => {
    const p = view();
    await userEvent.click(screen.getByRole('button', { name: 'Export shown (2)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export all' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export the highlights of Page a' }));
    expect(vi.mocked(p.onExport).mock.calls).toEqual([[{ kind: 'shown' }], [{ kind: 'all' }], [{ kind: 'page', source: 'https://news.example/a' }]]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Export format' }), 'W3C JSON-LD');
    expect(p.onExportFormat).toHaveBeenCalledWith('jsonld');
    await userEvent.click(screen.getByRole('checkbox', { name: /import only what matches the filter/ }));
    expect(p.onImportScoped).toHaveBeenCalledWith(true);
  });

  it('links a page heading only to an http(s) address', () => {
    view();
    expect(screen.getByRole('link', { name: 'Page a' }).getAttribute('href')).toBe('https://news.example/a');
    expect(screen.queryByRole('link', { name: 'Evil' })).toBeNull();
    expect(screen.getByText('Evil')).toBeTruthy();
  });
});
