import { useEffect, useState } from 'react';
import { withDefaults, type Settings } from '../settings';
import { settingsItem } from '../settings-item';

/** The stored settings, live, and a setter that persists them. */
export function useSettings(): [Settings | null, (next: Settings) => void] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let alive = true;
    void settingsItem.getValue().then((s) => alive && setSettings(withDefaults(s)));
    const unwatch = settingsItem.watch((s) => setSettings(withDefaults(s)));
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  return [settings, (next) => void settingsItem.setValue(next)];
}
