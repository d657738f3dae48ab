import { globSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { startCli, type Cli } from '#core/cli';

/** Named groups of benchmarks: a filter equal to a group's name runs every file under its folders. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  // What a backtest runs on: the replay of stored bars and the import of history; and the optimiser's sweeps of backtests.
  backtest: ['backtest/', 'market/feeds/replay/', 'market/history/', 'optimiser/'],
  // The bot manager: tick to intent with the four bots, and a simulated day with and without them.
  bots: ['cli/bots.bench.ts'],
  // Portfolio VaR: a 20-leg refresh over 1,000 scenarios beside pricing the legs once.
  risk: ['engine/var/'],
};

/**
 * `npm run bench [filter]`: runs every `src-main/**\/*.bench.ts`. Each file's default export is an async
 * function that measures its subject beside a reference in the same run and prints ratios, so the
 * figures compare across machines. Speed targets live here, never in unit tests.
 */
const HELP = `npm run bench [-- filter]: runs the benchmarks (src-main/**/*.bench.ts), or those whose path contains filter,
e.g. npm run bench -- indicators, or those of a group: ${Object.keys(GROUPS).join(', ')}.
Each prints its figures as ratios against a reference measured in the same run.

exit codes: 0 every target met, 1 a benchmark missed its target or failed, 2 bad arguments or no benchmark matches`;

const cli: Cli<Record<string, never>> = startCli({ name: 'bench', invocation: 'npm run bench --', help: HELP, options: {}, positionals: { max: 1 } });
const filter = cli.positionals[0];
const root = path.resolve(import.meta.dirname, '..');
const all = globSync('**/*.bench.ts', { cwd: root }).sort();
const group = filter !== undefined ? GROUPS[filter] : undefined;
const files = all.filter((f) => !filter || (group ? group.some((folder) => f.startsWith(folder)) : f.includes(filter)));
if (files.length === 0) cli.usage(`no benchmark matches ${filter ?? '(all)'}`, `give part of one of these paths: ${all.join(', ')}`);
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = (await import(pathToFileURL(path.join(root, file)).href)) as { default?: () => Promise<boolean | void> };
  if (typeof mod.default !== 'function') cli.fail(`${file} has no default export`, 'export the benchmark function as default');
  const passed = await mod.default();
  if (passed === false) failed++;
}
if (failed > 0) {
  console.log(`\n${failed} benchmark file(s) missed a target`);
  process.exitCode = 1;
}
