import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { buildKnowledgeBase, learnedRecords } from '../lib/kb/build';
import { exposeBuild } from '../lib/kb/build-script';

// kb-speed: the knowledge-base build (the NLP, compromise) as its own script, loaded by the
// background only when the build key changed (lib/kb/build-script.ts).
export default defineUnlistedScript(() => {
  exposeBuild({ buildKnowledgeBase, learnedRecords });
});
