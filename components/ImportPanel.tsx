// The import preview: what a file would change, before anything is written; then the write's progress.
import type { ImportPanelData } from '../lib/ui/import-flow';

export interface ImportPanelProps extends ImportPanelData {
  onRestoreDeleted: (restore: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ImportPanel(p: ImportPanelProps) {
  const busy = p.step !== 'preview';
  return (
    <section className="import-panel" aria-label="Import preview">
      <h2>Import {p.fileName}</h2>
      {p.progress && (
        <p role="status">
          {p.step === 'reading' ? 'Reading' : 'Writing'} {p.progress.done.toLocaleString('en')} of {p.progress.total.toLocaleString('en')}…{' '}
          <progress max={p.progress.total || 1} value={p.progress.done} />
        </p>
      )}
      {p.step === 'preview' && (
        <>
          <p data-testid="import-headline">{p.headline}</p>
          {p.scoped && <p className="muted">Only the annotations that match the notebook's current filter (page, tag, search) were read.</p>}
          {p.details.length > 0 && (
            <ul className="import-details">
              {p.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          {p.deletedSince > 0 && (
            <p>
              <label>
                <input type="checkbox" checked={p.restoreDeleted} onChange={(e) => p.onRestoreDeleted(e.target.checked)} /> Bring back {p.deletedSince} highlight
                {p.deletedSince === 1 ? '' : 's'} deleted here after this file was made
              </label>
              <br />
              <span className="muted">
                Unticked, they stay deleted. A highlight whose version in the file is newer than its deletion comes back either way: the newer change wins, as in sync.
              </span>
            </p>
          )}
          {p.rejected.length > 0 && (
            <details open={p.rejected.length <= 5}>
              <summary>Rejected, with where in the file</summary>
              <ul className="import-rejected">
                {p.rejected.map((r, i) => (
                  <li key={i}>
                    <code>{r.path}</code>: {r.reason}
                  </li>
                ))}
                {p.rejectedMore > 0 && <li>… and {p.rejectedMore.toLocaleString('en')} more</li>}
              </ul>
            </details>
          )}
        </>
      )}
      <p>
        <button type="button" disabled={busy || p.toWrite === 0} onClick={p.onConfirm}>
          {p.toWrite === 0 ? 'Nothing to import' : `Import ${p.toWrite.toLocaleString('en')}`}
        </button>{' '}
        <button type="button" disabled={p.step === 'writing'} onClick={p.onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}
