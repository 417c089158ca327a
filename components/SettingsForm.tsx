import { ENTITY_TYPES, type EntityType } from '../lib/model/types';
import type { Settings } from '../lib/settings';
import { TYPE_COLORS, TYPE_LABELS } from '../lib/ui/entity-colors';

export interface SettingsFormProps {
  settings: Settings;
  onChange: (next: Settings) => void;
}

/** The options page: what is highlighted, where, and how. */
export function SettingsForm({ settings, onChange }: SettingsFormProps) {
  const setType = (type: EntityType, on: boolean) =>
    onChange({ ...settings, types: on ? [...new Set([...settings.types, type])] : settings.types.filter((t) => t !== type) });
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="CSTO Lens settings">
      <h1>CSTO Lens settings</h1>
      <label>
        <input type="checkbox" checked={settings.enabled} onChange={(e) => onChange({ ...settings, enabled: e.target.checked })} />{' '}
        Highlight CSTO entities on pages I read
      </label>
      <h2>Entity types to highlight</h2>
      <fieldset style={{ border: 0, padding: 0 }}>
        {ENTITY_TYPES.map((type) => (
          <label key={type} style={{ display: 'block' }}>
            <input type="checkbox" name="type" value={type} checked={settings.types.includes(type)} onChange={(e) => setType(type, e.target.checked)} />{' '}
            <span className="swatch" style={{ background: TYPE_COLORS[type] }} />
            {TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <h2>Density</h2>
      <label style={{ display: 'block' }}>
        <input
          type="checkbox"
          name="firstMentionOnly"
          checked={settings.firstMentionOnly}
          onChange={(e) => onChange({ ...settings, firstMentionOnly: e.target.checked })}
        />{' '}
        First mention only: highlight each entity once per page (the popup and the card still count every mention)
      </label>
      <label style={{ display: 'block' }}>
        <input
          type="checkbox"
          name="articleBodyOnly"
          checked={settings.articleBodyOnly}
          onChange={(e) => onChange({ ...settings, articleBodyOnly: e.target.checked })}
        />{' '}
        Article body only: leave menus, page headers and footers, side columns, bylines and comments alone
      </label>
      <h2>Accessibility</h2>
      <label>
        <input
          type="checkbox"
          name="accessibleMode"
          checked={settings.accessibleMode}
          onChange={(e) => onChange({ ...settings, accessibleMode: e.target.checked })}
        />{' '}
        Accessible mode: mark entities with elements that screen readers announce (changes the page's DOM)
      </label>
      <h2>Sites where highlighting is off</h2>
      {settings.disabledSites.length === 0 && <p className="muted">None.</p>}
      <ul>
        {settings.disabledSites.map((site) => (
          <li key={site} className="row">
            <span>{site}</span>
            <button type="button" onClick={() => onChange({ ...settings, disabledSites: settings.disabledSites.filter((s) => s !== site) })}>
              Turn back on
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
