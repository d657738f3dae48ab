import { integerIn } from '#core/cli-args';
import { progressLine, startCli, type Cli } from '#core/cli';
import { describeFailure, runFailed, soak, summaryLine } from './soak.ts';

/**
 * `npm run soak -- --runs 1000 --seed S`: the seeded fault-injection soak of the order path against the
 * OpenAlgo simulator. Ends with one line of counts; exit 1 when any of them, or any run's problem, is not nil.
 */
const OPTIONS = {
  runs: { type: 'string', default: '1000' },
  seed: { type: 'string', default: '1' },
  parallel: { type: 'string', default: '1' },
  keep: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
} as const;

const HELP = `npm run soak -- [options]: seeded fault-injection runs of the order manager, risk gate and OpenAlgo
broker against the OpenAlgo simulator over loopback HTTP and WebSocket, the engine in its own process,
SIGKILLed and restarted on its SQLite file at random points of multi-leg entries and exits.

options:
  --runs N      how many runs (default 1000)
  --seed S      seed of the first run; run i uses S + i (default 1). A failing run prints its seed:
                --seed <that seed> --runs 1 replays its plan
  --parallel P  runs at once (default 1); each has its own simulator and engine process, so P up to
                the number of cores helps. The checks hold at any P; the timings differ
  --keep        keep the folder (SQLite file) of every failing run and print where it is
  --verbose     print every run's step log, not only the failing ones'
  -h, --help    this text

It ends with one line on stdout:
  soak: runs N, duplicates 0, lost fills 0, orphans unreported 0, position mismatches 0, limit breaches 0
Progress and failing runs' details go to stderr.

exit codes: 0 every count is 0 and every run settled, 1 otherwise, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'soak', invocation: 'npm run soak --', help: HELP, options: OPTIONS });
const runs = integerIn(cli.values.runs, 1, 1_000_000) ?? cli.usage(`--runs ${cli.values.runs} is not a number of runs`, 'give a whole number from 1, e.g. --runs 1000');
const seed = integerIn(cli.values.seed, 0, 2 ** 32 - 1) ?? cli.usage(`--seed ${cli.values.seed} is not a seed`, `give a whole number from 0 to ${2 ** 32 - 1}`);
const parallel = integerIn(cli.values.parallel, 1, 64) ?? cli.usage(`--parallel ${cli.values.parallel} is not a number of runs at once`, 'give a whole number from 1 to 64, e.g. the number of cores');

const progress = progressLine(process.stderr);
const started = Date.now();
let failures = 0;
const summary = await soak({
  runs,
  seed,
  keepFailed: cli.values.keep,
  parallel,
  onRun(r, done) {
    if (runFailed(r)) failures++;
    if (runFailed(r) || cli.values.verbose) {
      progress.end();
      process.stderr.write(`${runFailed(r) ? describeFailure(r) : [`run seed ${r.seed}:`, ...r.log.map((l) => `  | ${l}`)].join('\n')}\n`);
    }
    progress.show(`soak: run ${done}/${runs} (seed ${r.seed}), ${failures} failed, ${Math.round((Date.now() - started) / 1000)} s`);
  },
});
progress.end();
const faults = [...summary.faults].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${f} ${n}`);
process.stderr.write(`soak: ${summary.starts} engine starts, ${summary.kills} SIGKILLs, ${Math.round((Date.now() - started) / 1000)} s; order requests faulted: ${faults.join(', ') || 'none'}\n`);
process.stdout.write(`${summaryLine(summary)}\n`);
process.exitCode = summary.failed.length > 0 ? 1 : 0;
