import 'fake-indexeddb/auto';
import { LensDb } from '../../lib/kb/db';
import { KnowledgeService } from '../../lib/kb/service';
import { diskSources } from './sources';

// The background's knowledge service, run in Node over an in-memory IndexedDB:
// the command-line tools exercise exactly the code the extension runs.
export async function openNodeKnowledgeBase(): Promise<KnowledgeService> {
  const service = new KnowledgeService(new LensDb(`csto-lens-cli-${process.pid}`), diskSources);
  await service.ensureBuilt();
  return service;
}
