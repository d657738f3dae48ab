import { userPath } from '#core/cli';
import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { CommandInput } from '#contract/channels';
import type { RouteOutput } from '#contract/rest-api';
import { csvImportInput } from '#contract/settings-dto';
import { call, usage, type CtlPlan, type UsagePlan } from './ctl-plan.ts';

/**
 * `npm run ctl -- import …`: a CSV file or folder imported into the running terminal's database through its
 * API (`POST /api/data/import`, the settings screen's command), optionally followed to its end.
 */
export interface ImportValues {
  readonly format?: string;
  readonly instrument?: string;
  readonly timeframe?: string;
  readonly timezone?: string;
  readonly stamp?: string;
  readonly wait?: boolean;
}

/** How long `--wait` pauses between looks at the job: an import takes seconds to minutes. */
const POLL_MS = 500;

/** The import's options by the field of the API body they fill. */
const IMPORT_OPTIONS: Readonly<Record<string, string>> = { format: '--format', instrumentId: '--instrument', timeframe: '--timeframe', timezone: '--timezone', stamp: '--stamp', path: 'the file or folder' };
const IMPORT_FIX = 'say what the file holds: --format nse-fo-bhavcopy, or --format ohlcv --instrument NSE_INDEX:NIFTY --timeframe 1m|3m|5m|15m|30m|60m|1d --timezone IST|UTC --stamp start|end';

/** The import as the API takes it, checked with the API's own schema so a missing option is named before anything is sent. */
function importInput(file: string, v: ImportValues): CommandInput<'data:import'> | UsagePlan {
  const given: Readonly<Record<string, string | undefined>> = { format: v.format, path: userPath(file), instrumentId: v.instrument, timeframe: v.timeframe, timezone: v.timezone, stamp: v.stamp };
  const parsed = csvImportInput.safeParse(Object.fromEntries(Object.entries(given).filter(([, x]) => x !== undefined)));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return usage(`${issue.keys.map((k) => IMPORT_OPTIONS[k] ?? k).join(', ')} go with --format ohlcv only`, IMPORT_FIX);
  const field = String(issue.path[0] ?? 'format');
  const option = IMPORT_OPTIONS[field] ?? field;
  const value = given[field];
  return usage(value === undefined ? `import needs ${option}` : `${option} ${value}: ${issue.message}`, IMPORT_FIX);
}

/** Looks at the job until it has ended and answers its final state. */
async function importAndWait(client: TerminalClient, input: CommandInput<'data:import'>): Promise<ApiResult<RouteOutput<'dataImport'>>> {
  const started = await client.importCsv(input);
  if (!started.ok) return started;
  let job: RouteOutput<'dataImport'> = started.value;
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const now = await client.dataJob();
    if (!now.ok) return now;
    if (now.value === null || now.value.id !== job.id) return { ok: false, error: { status: 0, error: 'lost-job', message: `the terminal no longer reports ${job.title} (restarted?): look with npm run ctl -- job` } };
    job = now.value;
  }
  return { ok: true, value: job };
}

export function importPlan(words: readonly string[], v: ImportValues): CtlPlan {
  const [file, ...rest] = words;
  if (file === undefined) return usage('import needs a file or folder', 'write import <file.csv|folder> --format ohlcv|nse-fo-bhavcopy (see npm run ctl -- --help)');
  if (rest.length) return usage(`unexpected "${rest[0]}" after import ${file}`, 'import one file or folder at a time');
  const input = importInput(file, v);
  if ('kind' in input) return input;
  if (!v.wait) return call('dataImport', (c) => c.importCsv(input));
  return call(
    'dataImport',
    (c) => importAndWait(c, input),
    (value) => {
      const job = value as RouteOutput<'dataImport'>;
      return job.state === 'failed' ? `${job.title} failed: ${job.detail}` : undefined;
    },
  );
}
