import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { EntityCard } from '../../components/EntityCard';
import { RelatedPanel } from '../../components/RelatedPanel';
import { SelectionToolbar } from '../../components/SelectionToolbar';
import type { RectLike } from './bridge';
import type { PageUiController } from './controller';
import { placeNear } from './position';

/** A panel placed next to its anchor, measured after render so it never covers the anchor. */
function Floating({ anchor, children, focus }: { anchor: RectLike; children: React.ReactNode; focus: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos(placeNear(anchor, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight }));
  }, [anchor]);
  useLayoutEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <div ref={ref} className="floating" tabIndex={-1} style={{ top: pos?.top ?? anchor.bottom + 8, left: pos?.left ?? anchor.left, visibility: pos ? 'visible' : 'hidden' }}>
      {children}
    </div>
  );
}

export function App({ ui }: { ui: PageUiController }) {
  const state = useSyncExternalStore(ui.store.subscribe, ui.store.get);
  const { card, selection, related } = state;
  return (
    <>
      {selection && (
        <Floating anchor={selection.rect} focus={false}>
          <SelectionToolbar onHighlight={(c) => ui.highlight(c)} onAnnotate={() => ui.annotate()} onRelated={() => ui.related()} />
        </Floating>
      )}
      {card && (
        <Floating anchor={card.req.rect} focus={card.req.via !== 'hover'}>
          <EntityCard
            data={card.data}
            error={card.error}
            mention={card.req.mention}
            onPrev={() => ui.step(-1)}
            onNext={() => ui.step(1)}
            onClose={() => ui.closeCard()}
            onOpenSource={(t) => ui.openSource(t)}
            onPeer={(id) => ui.openPeer(id)}
            onOpenTimeline={(id) => ui.openTimeline(id)}
          />
        </Floating>
      )}
      {related && (
        <Floating anchor={related.rect} focus>
          <RelatedPanel passage={related.passage} results={related.results} error={related.error} onClose={() => ui.closeCard()} onOpenSource={(t) => ui.openSource(t)} />
        </Floating>
      )}
    </>
  );
}
