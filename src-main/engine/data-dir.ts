import fs from 'node:fs';
import path from 'node:path';
import { fsReason } from '#core/fs-reason';
import { err, ok, type Result } from '#core/result';
import { API_KEY_FILE_NAME } from './secrets.ts';

/**
 * The data folder holds the API key, the trading database, the settings and logs that may show
 * positions: it is for its owner only. It is created 0700; an existing folder (and the files the
 * terminal keeps in it and in `logs/`) that others could read is tightened to 0700/0600 and reported,
 * so the caller can warn. The API key file is left alone on purpose: it is refused while others can
 * read it (they may have), which tells the user to fix it and perhaps replace the key.
 */
export interface Tightened {
  readonly path: string;
  /** The permission bits it had, e.g. `755`. */
  readonly was: string;
}

export interface DataDirReport {
  readonly dir: string;
  readonly created: boolean;
  readonly tightened: readonly Tightened[];
  /** Folders or files whose permissions could not be changed (a file system without Unix modes). */
  readonly untightened: readonly Tightened[];
}

export interface DataDirError {
  readonly kind: 'data-dir-unusable';
  readonly message: string;
}

export const LOGS_DIR_NAME = 'logs';
const isWindows = process.platform === 'win32';

function unusable(dir: string, why: string, fix = 'choose another data folder (--data-dir) or fix its permissions'): DataDirError {
  return { kind: 'data-dir-unusable', message: `cannot use the data folder ${dir}: ${why}; ${fix}` };
}

const octal = (mode: number) => (mode & 0o777).toString(8);

/** Clears group and other bits; reports what changed and what could not be changed. */
function tighten(target: string, stats: fs.Stats, mode: number, tightened: Tightened[], untightened: Tightened[]): void {
  if ((stats.mode & 0o077) === 0) return;
  const entry = { path: target, was: octal(stats.mode) };
  try {
    fs.chmodSync(target, mode);
    if ((fs.statSync(target).mode & 0o077) === 0) tightened.push(entry);
    else untightened.push(entry);
  } catch {
    untightened.push(entry);
  }
}

/** The terminal's own files at the top of the folder and in logs/; links and anything else are not touched. */
function tightenContents(dir: string, tightened: Tightened[], untightened: Tightened[]): void {
  for (const folder of [dir, path.join(dir, LOGS_DIR_NAME)]) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (folder === dir && name === API_KEY_FILE_NAME) continue;
      const target = path.join(folder, name);
      let stats: fs.Stats;
      try {
        stats = fs.lstatSync(target);
      } catch {
        continue;
      }
      if (stats.isFile()) tighten(target, stats, 0o600, tightened, untightened);
      else if (stats.isDirectory() && folder === dir && name === LOGS_DIR_NAME) tighten(target, stats, 0o700, tightened, untightened);
    }
  }
}

export function prepareDataDir(dir: string): Result<DataDirReport, DataDirError> {
  let created: boolean;
  try {
    created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
  } catch (e) {
    return err(unusable(dir, fsReason(e)));
  }
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    return err(unusable(dir, fsReason(e)));
  }
  if (!stats.isDirectory()) return err(unusable(dir, 'it is not a folder', 'choose a folder with --data-dir'));
  const tightened: Tightened[] = [];
  const untightened: Tightened[] = [];
  if (!isWindows) {
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
      return err(unusable(dir, `it belongs to another user (uid ${stats.uid}, you are ${uid})`, 'run the terminal as its owner or choose your own folder'));
    }
    tighten(dir, stats, 0o700, tightened, untightened);
    tightenContents(dir, tightened, untightened);
  }
  return ok({ dir, created, tightened, untightened });
}
