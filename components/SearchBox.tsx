import { useState } from 'react';
import type { SearchHit } from '../lib/kb/search';
import { TYPE_COLORS } from '../lib/ui/entity-colors';
import { excerpt } from '../lib/ui/format';

export interface SearchBoxProps {
  search: (query: string) => SearchHit[];
  onOpenStatement: (hit: SearchHit) => void;
}

const KIND_LABEL = { entity: 'Entity', statement: 'Statement', fact: 'Fact' } as const;

/** Search over the knowledge base: results as you type, prefix and fuzzy. */
export function SearchBox({ search, onOpenStatement }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const hits = query.trim().length >= 2 ? search(query) : [];
  return (
    <section aria-label="Search the knowledge base">
      <input
        type="search"
        placeholder="Search entities, statements, facts…"
        aria-label="Search the knowledge base"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ width: '100%', boxSizing: 'border-box', padding: '6px 8px', font: 'inherit' }}
      />
      {query.trim().length >= 2 && hits.length === 0 && <p className="muted">No results.</p>}
      <ul className="search-results">
        {hits.map((h) => (
          <li key={`${h.kind}:${h.id}`} data-kind={h.kind} style={{ margin: '6px 0' }}>
            <div>
              <span className="muted">{KIND_LABEL[h.kind]} · </span>
              {h.entityType && <span className="swatch" style={{ background: TYPE_COLORS[h.entityType] }} />}
              <strong>{h.title}</strong>
            </div>
            <div>
              {h.documentId && h.documentId !== 'registry' ? (
                <a
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpenStatement(h);
                  }}
                >
                  {excerpt(h.text, 160)}
                </a>
              ) : (
                <span>{excerpt(h.text, 160)}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
