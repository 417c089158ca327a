import type { CardData } from '../kb/card';
import type { RelatedStatement } from '../kb/related';
import type { Anchor, CardRequest } from './bridge';

// The page UI's state: one small observable store, read by React with useSyncExternalStore.

export interface UiState {
  card: { req: CardRequest; data: CardData | null; error: string | null } | null;
  selection: { text: string; anchor: Anchor } | null;
  related: { passage: string; anchor: Anchor; results: RelatedStatement[] | null; error: string | null } | null;
}

export class Store {
  private state: UiState = { card: null, selection: null, related: null };
  private readonly listeners = new Set<() => void>();

  get = (): UiState => this.state;

  set(patch: Partial<UiState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
