// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportPanel } from '../../../components/ImportPanel';
import { describe as describeSpan } from '../../../lib/anchoring';
import { exportJsonLd } from '../../../lib/annotations/export';
import { HYPOTHESIS_PAGE_NOTE } from '../../../lib/annotations/import-item';
import { AnnotationImports } from '../../../lib/annotations/store-import';
import { AnnotationStore } from '../../../lib/annotations/store';
import { LensDb } from '../../../lib/db/database';
import { ImportFlow, type ImportBackend, type ImportStep } from '../../../lib/ui/import-flow';
import { importPanelProps } from '../../../lib/ui/use-notebook';

const FIX = join(__dirname, '../../fixtures');
const names: string[] = [];
afterEach(async () => {
  cleanup();
  for (const n of names.splice(0)) await Dexie.delete(n);
});

function setup() {
  const name = `import-ui-${process.pid}-${names.length}`;
  names.push(name);
  const store = new AnnotationStore(new LensDb(name));
  const imports = new AnnotationImports(store);
  // The background's side, called directly (the messages only carry these calls).
  const backend: ImportBackend = {
    begin: async () => ({ token: imports.begin() }),
    stage: (token, shape, items) => imports.stage(token, items, shape),
    commit: (token, restoreDeleted) => imports.commit(token, { restoreDeleted }),
    progress: async (token) => imports.progress(token),
    cancel: async (token) => imports.cancel(token),
  };
  const done: string[] = [];
  let flowRef: ImportFlow | null = null;
  function Harness() {
    const [step, setStep] = useState<ImportStep>({ step: 'idle' });
    const flow = useRef<ImportFlow | null>(null);
    flow.current ??= flowRef = new ImportFlow(backend, setStep);
    const props = importPanelProps(step, {
      onRestoreDeleted: (restoreDeleted) => setStep((s) => (s.step === 'preview' ? { ...s, restoreDeleted } : s)),
      onCancel: () => void flow.current!.cancel().then(() => done.push('cancelled')),
      onConfirm: () => {
        if (step.step !== 'preview') return;
        void flow.current!.confirm(step.fileName, step.restoreDeleted, step.preview.added + step.preview.updated).then((o) => done.push(JSON.stringify(o)));
      },
    });
    return props ? <ImportPanel {...props} /> : <p>idle</p>;
  }
  render(<Harness />);
  return { store, done, open: (file: string, text: string) => act(() => flowRef!.open(file, text).then(() => undefined)) };
}

const search = readFileSync(join(FIX, 'hypothesis/search.json'), 'utf8');
const page = 'Russian Foreign Minister Sergey Lavrov said the CSTO should focus on counterterrorism.';

describe('import preview in the notebook', () => {
  it('shows what the file would change and the rejected items with their paths, and writes on confirm', async () => {
    const { store, done, open } = setup();
    await open('search.json', search);
    expect(screen.getByTestId('import-headline').textContent).toBe('4 annotations: 2 new, 0 updated, 2 rejected');
    expect(screen.getByText('rows[2].target[0].selector').parentElement!.textContent).toBe(`rows[2].target[0].selector: ${HYPOTHESIS_PAGE_NOTE}`);
    expect(await store.db.annotations.count()).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    await waitFor(() => expect(done).toHaveLength(1));
    expect(JSON.parse(done[0]!)).toMatchObject({ added: 2, rejected: 2 });
    expect(await store.db.annotations.count()).toBe(2);
    expect(screen.getByText('idle')).toBeTruthy();
  });

  it('writes nothing on cancel', async () => {
    const { store, done, open } = setup();
    await open('search.json', search);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(done).toEqual(['cancelled']));
    expect(await store.db.annotations.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('offers to bring back highlights deleted after the backup, and says what happens either way', async () => {
    const { store, open } = setup();
    const a = await store.create({ source: 'https://news.example/a', title: 'A', selector: describeSpan(page, 25, 38), note: 'kept' });
    const backup = JSON.stringify(exportJsonLd([a]));
    await store.remove(a.id);
    await open('backup.jsonld', backup);
    const box = screen.getByRole('checkbox', { name: /Bring back 1 highlight deleted here after this file was made/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.getByText(/Unticked, they stay deleted/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import 1' })).toBeTruthy();
    await userEvent.click(box);
    expect((screen.getByRole('button', { name: 'Nothing to import' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says what was filled in: dates from the import time, positions found by quote', async () => {
    const { open } = setup();
    await open('anno23.json', readFileSync(join(FIX, 'w3c/model-examples/anno23.json'), 'utf8'));
    expect(screen.getByTestId('import-headline').textContent).toBe('1 annotation: 1 new, 0 updated, 0 rejected');
    expect(screen.getByText('1 annotation without a date: dated with the import time.')).toBeTruthy();
    expect(screen.getByText('1 annotation with a quote but no position: found by the quote when the page opens.')).toBeTruthy();
  });
});
