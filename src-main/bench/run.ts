import { globSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/**
 * `npm run bench [filter]`: runs every `src-main/**\/*.bench.ts`. Each file's default export is an async
 * function that measures its subject beside a reference in the same run and prints ratios, so the
 * figures compare across machines. Speed targets live here, never in unit tests.
 */
const filter = process.argv[2];
const root = path.resolve(import.meta.dirname, '..');
const files = globSync('**/*.bench.ts', { cwd: root })
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? '(all)'}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = (await import(pathToFileURL(path.join(root, file)).href)) as { default?: () => Promise<boolean | void> };
  if (typeof mod.default !== 'function') throw new Error(`${file} has no default export`);
  const passed = await mod.default();
  if (passed === false) failed++;
}
if (failed > 0) {
  console.log(`\n${failed} benchmark file(s) missed a target`);
  process.exitCode = 1;
}
