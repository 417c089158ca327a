/** Whether the bundle of scripts/NAME.ts is missing or older than one of its inputs. */
export function isStale(root: string, name: string, outDir?: string): boolean;
/** The bundle of scripts/NAME.ts under root, built first if stale; returns its path. */
export function ensureBundle(root: string, name: string, outDir?: string): Promise<string>;
