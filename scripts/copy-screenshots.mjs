#!/usr/bin/env node
// Copies the README's screenshots from the last end-to-end run (test-results/screenshots/, written
// by test/e2e/*.e2e.ts) into media/screenshots/, under stable names the README links to.
//
//   npm test -- --only e2e --spec test/e2e/editor.e2e.ts --spec test/e2e/newDecision.e2e.ts --spec test/e2e/walkthrough.e2e.ts --spec test/e2e/map.e2e.ts
//   npm run screenshots          # copies them; exits 1 naming the ones the run did not write
//
// media/screenshots/ is left out of the VSIX (.vscodeignore): vsce rewrites the README's relative
// image links to the repository (package.json `repository`), where the Marketplace loads them.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/vsix.mjs';

/** README screenshot -> the e2e screenshot it is copied from, and the test that takes it. */
export const SCREENSHOTS = [
  { name: 'hover.png', from: 'hover-on-citation.png', test: 'test/e2e/editor.e2e.ts' },
  { name: 'new-decision.png', from: 'newdecision-filled-light.png', test: 'test/e2e/newDecision.e2e.ts' },
  { name: 'walkthrough.png', from: 'walkthrough.png', test: 'test/e2e/walkthrough.e2e.ts' },
  { name: 'map.png', from: 'map-graph-light.png', test: 'test/e2e/map.e2e.ts' },
];

const source = join(REPO_ROOT, 'test-results', 'screenshots');
const target = join(REPO_ROOT, 'media', 'screenshots');
mkdirSync(target, { recursive: true });
const missing = [];
for (const shot of SCREENSHOTS) {
  const from = join(source, shot.from);
  if (!existsSync(from)) {
    missing.push(`${shot.from} (run ${shot.test})`);
    continue;
  }
  copyFileSync(from, join(target, shot.name));
  console.log(`media/screenshots/${shot.name} <- test-results/screenshots/${shot.from} (${Math.round(statSync(from).size / 1024)} KB)`);
}
if (missing.length > 0) {
  console.error(`missing screenshots:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
