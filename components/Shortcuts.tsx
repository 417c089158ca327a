import type { Shortcut } from '../lib/ui/use-shortcuts';

export interface ShortcutsProps {
  shortcuts: Shortcut[] | null;
  /** Where the reader changes them (the browser's own page). */
  changeHint: string;
}

/** The extension's keyboard shortcuts, as the browser has them now. */
export function Shortcuts({ shortcuts, changeHint }: ShortcutsProps) {
  if (shortcuts === null) return null;
  return (
    <section aria-label="Keyboard shortcuts" data-testid="shortcuts">
      <h2>Keyboard shortcuts</h2>
      {shortcuts.length === 0 ? (
        <p className="muted">No shortcut is set.</p>
      ) : (
        <table>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <td>{s.keys ? <kbd>{s.keys}</kbd> : <span className="muted">not set</span>}</td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{changeHint}</p>
    </section>
  );
}
