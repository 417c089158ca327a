// The one fake of the CSS Custom Highlight API for unit tests (jsdom has none): a registry Map
// and a Highlight that is a Set of ranges, installed on globalThis, where lib/dom finds them.

export class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  type = 'highlight';
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

export type FakeRegistry = Map<string, FakeHighlight>;

type G = { CSS?: unknown; Highlight?: unknown };

/** Installs the fake; `extra` adds members to the registry (e.g. a highlightsFromPoint). */
export function installHighlightApi(extra: Record<string, unknown> = {}): FakeRegistry {
  const registry = Object.assign(new Map<string, FakeHighlight>(), extra);
  (globalThis as G).CSS = { highlights: registry };
  (globalThis as G).Highlight = FakeHighlight;
  return registry;
}

export function uninstallHighlightApi(): void {
  delete (globalThis as G).CSS;
  delete (globalThis as G).Highlight;
}

/** The text of every range registered under a name (its shards included: name, name-1, ...). */
export function textsIn(registry: FakeRegistry, name: string): string[] {
  const out: string[] = [];
  for (const [key, hl] of registry) {
    if (key !== name && !key.startsWith(`${name}-`)) continue;
    for (const r of hl) out.push((r as Range).toString());
  }
  return out;
}
