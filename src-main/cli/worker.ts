import os from 'node:os';
import { integerIn } from '#core/cli-args';
import { startCli, type Cli } from '#core/cli';
import { parseRedisUrl } from '#jobs/redis-connection';
import { startTrialWorker } from '#jobs/trial-worker';
import { defaultThreads } from '#optimiser/thread-pool';

/**
 * `npm run worker -- --redis URL`: takes optimiser trial jobs from the BullMQ queue in Redis and runs them
 * on this machine's cores. Start one on every machine that should help; stop it with Ctrl-C (the jobs in
 * hand finish first) — a worker that is killed outright loses its jobs to the others once their lock runs out.
 */
const OPTIONS = {
  redis: { type: 'string' },
  threads: { type: 'string' },
  name: { type: 'string' },
  'lock-seconds': { type: 'string' },
} as const;

const HELP = `npm run worker -- --redis URL [options]: takes optimiser trials from the job queue in Redis (submitted by
npm run optimise -- --redis URL on any machine) and runs them here; results go back to the submitter.

  --redis URL          redis://host:6379 (rediss:// for TLS; a password goes in the URL: redis://:secret@host:6379)
  --threads N          trials at once, one worker thread each (default: one per core, here ${defaultThreads()})
  --name NAME          how this worker shows in the queue (default: host name and process id)
  --lock-seconds N     a job's lock; a dead worker's job goes to another after this long (default 30, 2..600)
  -h, --help           this text

Every machine needs the same version of the terminal and, for backtests on history, the same bar database path.

exit codes: 0 stopped, 1 Redis could not be reached or the driver is missing, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'worker', invocation: 'npm run worker --', help: HELP, options: OPTIONS });
const v = cli.values;
if (v.redis === undefined) cli.usage('--redis is required', 'e.g. npm run worker -- --redis redis://127.0.0.1:6379');
const target = parseRedisUrl(v.redis);
if (!target.ok) cli.usage(target.error.message);
const threads = v.threads === undefined ? defaultThreads() : (integerIn(v.threads, 1, 256) ?? cli.usage(`--threads must be a whole number 1..256, got ${v.threads}`));
const lockSeconds = v['lock-seconds'] === undefined ? 30 : (integerIn(v['lock-seconds'], 2, 600) ?? cli.usage(`--lock-seconds must be a whole number 2..600, got ${v['lock-seconds']}`));
const name = v.name ?? `${os.hostname()}-${process.pid}`;

const worker = await startTrialWorker({
  target: target.value,
  threads,
  name,
  lockMs: lockSeconds * 1000,
  onJob: (e) => console.log(`worker ${name}: ${e.kind} job ${e.jobId} (${e.trials} trial${e.trials === 1 ? '' : 's'})`),
});
if (!worker.ok) cli.fail(worker.error.message);
console.log(`worker ${name}: taking trials from ${target.value.display} on ${threads} thread${threads === 1 ? '' : 's'}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log(`worker ${name}: finishing the jobs in hand, then stopping`);
  void worker.value.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
