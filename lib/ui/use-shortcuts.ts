import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export interface Shortcut {
  name: string;
  description: string;
  /** The keys as the browser has them now ('' where the reader removed the shortcut). */
  keys: string;
}

/** The extension's keyboard shortcuts as the browser has them now (the reader may have changed them). */
export function useShortcuts(): Shortcut[] | null {
  const [list, setList] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) =>
        setList(
          all
            .filter((c) => c.name && !c.name.startsWith('_'))
            .map((c) => ({ name: c.name!, description: c.description ?? c.name!, keys: c.shortcut ?? '' })),
        ),
      )
      .catch(() => setList([]));
  }, []);
  return list;
}
