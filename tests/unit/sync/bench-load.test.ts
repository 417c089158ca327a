import { describe, expect, it } from 'vitest';
import { pushRequestSchema } from '../../../lib/sync/protocol';
import { loadChanges } from '../../../bench/sync-load';

// The load benchmark once sent stamps the server refuses (every push answered 400), and it only
// showed as a failed bench run: its requests are checked against the protocol here.
describe('the sync load benchmark', () => {
  it('pushes changes the protocol accepts', () => {
    const parsed = pushRequestSchema.safeParse({ changes: loadChanges(50, 'bench-3') });
    expect(parsed.success ? null : parsed.error.issues.slice(0, 2)).toBeNull();
  });
});
