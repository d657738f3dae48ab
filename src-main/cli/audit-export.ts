import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { calendarDate } from '#core/cli-args';
import { startCli, userPath, type Cli } from '#core/cli';
import { fsReason } from '#core/fs-reason';
import { istDateFromKey } from '#core/time-ist';
import { exportAuditCsv } from '#store/audit-csv';
import { AuditRepository } from '#store/audit-repository';
import { DATABASE_FILE_NAME } from '#store/database';

/**
 * `npm run audit:export -- --from 2026-11-02 --to 2026-11-20 --out audit.csv`: the audit trail (every
 * intent, order, state change, fill, risk decision and user action) as CSV. It only reads the database,
 * so it may run beside a terminal that is using the folder.
 */
const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run audit:export -- --from D --to D --out FILE [--data-dir DIR]: writes the audit trail as CSV.

  npm run audit:export -- --from 2026-11-02 --to 2026-11-20 --out audit-november.csv

options:
  --from D          first day, YYYY-MM-DD (IST, engine clock; in simulation the simulated date); default: the first entry
  --to D            last day, YYYY-MM-DD, included; default: the last entry
  --out FILE        the CSV file to write; an existing file is never overwritten
  --data-dir D      the terminal's data folder (default ./data in the project)
  -h, --help        this text
Relative paths are taken from the folder you ran the command in.

The CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted where needed, a header line) has one line per
entry: seq, ts_ms, time_ist, kind, actor, subject, payload (JSON). The file is readable by you only.

exit codes: 0 written, 1 the database could not be read or the file written, 2 bad arguments`;

const DAY_MS = 86_400_000;
const cli: Cli<typeof OPTIONS> = startCli({ name: 'audit:export', invocation: 'npm run audit:export --', help: HELP, options: OPTIONS });
const { values } = cli;
const day = (flag: 'from' | 'to'): string | undefined => {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  return calendarDate(raw) ?? cli.usage(`--${flag} ${raw} is not a date`, `give a calendar day as YYYY-MM-DD, e.g. --${flag} 2026-11-20`);
};
const from = day('from');
const to = day('to');
if (from !== undefined && to !== undefined && from > to) cli.usage(`--from ${from} is after --to ${to}`, 'swap them');
if (values.out === undefined) cli.usage('--out is missing', 'name the CSV file to write, e.g. --out audit.csv');
const out = userPath(values.out);
if (fs.existsSync(out)) cli.usage(`${out} already exists`, 'choose another --out, or move the old file away first');

const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const file = path.join(dataDir, DATABASE_FILE_NAME);
if (!fs.existsSync(file)) cli.usage(`there is no terminal database in ${dataDir}`, 'point --data-dir at the folder the terminal keeps its data in');

let db: BetterSqlite3.Database;
let repo: AuditRepository;
try {
  db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  repo = new AuditRepository(db);
} catch (e) {
  const what = /no such table/.test((e as Error).message) ? 'has no audit trail yet (it was written by an older version)' : `cannot be read (${(e as Error).message})`;
  cli.fail(`the database ${file} ${what}`, 'start the terminal once on this folder, then export again');
}

const tmp = `${out}.${process.pid}.tmp`;
let count = 0;
try {
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    const range = { ...(from !== undefined ? { fromTs: istDateFromKey(from) } : {}), ...(to !== undefined ? { toTs: istDateFromKey(to) + DAY_MS } : {}) };
    count = exportAuditCsv(repo.entries(range), (chunk) => fs.writeSync(fd, chunk));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, out);
} catch (e) {
  fs.rmSync(tmp, { force: true });
  cli.fail(`cannot write ${out} (${fsReason(e)})`, 'choose a folder you can write with --out');
} finally {
  db.close();
}
console.log(`exported ${count} audit entr${count === 1 ? 'y' : 'ies'} (${from ?? 'first'} to ${to ?? 'last'}, IST) to ${out}`);
