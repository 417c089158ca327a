import { ENTITY_TYPES, type EntityType } from '../lib/model/types';
import { useState } from 'react';
import { learnSiteOf, type LearnMode, type Settings } from '../lib/settings';
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
      <LearnSettings settings={settings} onChange={onChange} />
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

const LEARN_LABELS: Record<LearnMode, string> = {
  never: 'Never (add pages myself from the toolbar popup)',
  sites: 'On sites I choose',
  entities: 'On every page with CSTO entities',
};

/** "Learn from pages": never / on sites I choose (the list) / on every page with CSTO entities. */
function LearnSettings({ settings, onChange }: SettingsFormProps) {
  const [draft, setDraft] = useState('');
  const mode = settings.learnMode ?? 'never';
  const sites = settings.learnSites ?? [];
  const site = (() => {
    const text = draft.trim();
    if (!text) return '';
    try {
      return learnSiteOf(new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`).hostname);
    } catch {
      return '';
    }
  })();
  const add = () => {
    if (!site) return;
    if (!sites.includes(site)) onChange({ ...settings, learnSites: [...sites, site] });
    setDraft('');
  };
  return (
    <>
      <h2 id="learn-heading">Learn from pages</h2>
      <p className="muted">Pages learned from add their statements, facts and people to your knowledge base (kept in this browser; see the notebook's Sources).</p>
      <fieldset style={{ border: 0, padding: 0 }} aria-labelledby="learn-heading" data-testid="learn-mode">
        {(Object.keys(LEARN_LABELS) as LearnMode[]).map((m) => (
          <label key={m} style={{ display: 'block' }}>
            <input type="radio" name="learnMode" value={m} checked={mode === m} onChange={() => onChange({ ...settings, learnMode: m })} /> {LEARN_LABELS[m]}
          </label>
        ))}
      </fieldset>
      {mode === 'sites' && (
        <div data-testid="learn-sites">
          <h3>Sites to learn from</h3>
          {sites.length === 0 && <p className="muted">None yet: add one here, or from the toolbar popup on one of its pages.</p>}
          <ul>
            {sites.map((s) => (
              <li key={s} className="row">
                <span>{s}</span>
                <button type="button" aria-label={`Stop learning from ${s}`} onClick={() => onChange({ ...settings, learnSites: sites.filter((x) => x !== s) })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label>
            Add a site{' '}
            <input
              type="text"
              name="learnSite"
              placeholder="tass.com"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
            />
          </label>{' '}
          <button type="button" onClick={add} disabled={!site}>
            Add
          </button>
          {draft.trim() && !site && <p role="alert">That is not a site name (for example: tass.com).</p>}
        </div>
      )}
    </>
  );
}
