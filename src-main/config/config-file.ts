import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { readFileNoFollow, removeStaleTemps, writeFileAtomic } from '#core/secure-file';
import { DEFAULT_CONFIG } from './defaults.ts';
import { configSchema, type Config } from './schema.ts';

export const CONFIG_FILE_NAME = 'config.json';

export type ConfigError =
  | { kind: 'config-corrupt'; message: string; file: string; backup: string }
  | { kind: 'config-invalid'; message: string; file: string; backup: string; issues: readonly ConfigIssue[] }
  | { kind: 'config-io'; message: string; file: string };

export interface ConfigIssue {
  /** Dotted path of the offending field, e.g. `simulation.speed`. */
  readonly path: string;
  readonly message: string;
}

export interface LoadedConfig {
  readonly config: Config;
  readonly file: string;
  /** True when no file existed and the defaults were written. */
  readonly created: boolean;
}

function issuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') {
      const keys = i.keys.map((k) => (base ? `${base}.${k}` : k));
      return { path: keys.join(', '), message: `unknown key${keys.length > 1 ? 's' : ''}` };
    }
    return { path: base || '(root)', message: i.message };
  });
}

/** Keeps a copy of a bad file beside it, so nothing the user wrote is lost when they fix or replace it. */
function backupBadFile(file: string, text: string, stamp: string): string {
  const backup = `${file}.bad-${stamp}`;
  const written = writeFileAtomic(backup, text, 0o600);
  return written.ok ? backup : `(no copy: ${written.error.message})`;
}

/**
 * Reads the config from `dataDir`. A missing file is created from the defaults. A corrupt or invalid
 * file is never replaced: the error names the field, and a copy of the file is kept for the user.
 * `stamp` names the backup (the caller passes the clock's time so this module stays clock-free).
 */
export function loadConfig(dataDir: string, stamp: string): Result<LoadedConfig, ConfigError> {
  const file = path.join(dataDir, CONFIG_FILE_NAME);
  const read = readFileNoFollow(file);
  if (!read.ok) {
    if (read.error.kind !== 'not-found') return err({ kind: 'config-io', file, message: read.error.message });
    const saved = saveConfig(dataDir, DEFAULT_CONFIG);
    if (!saved.ok) return saved;
    return ok({ config: DEFAULT_CONFIG, file, created: true });
  }
  const text = read.value.data.toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const backup = backupBadFile(file, text, stamp);
    return err({
      kind: 'config-corrupt',
      file,
      backup,
      message: `${file} is not valid JSON (${(e as Error).message}). Your file was left as it is and copied to ${backup}; fix it, or delete it to start from the defaults.`,
    });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const backup = backupBadFile(file, text, stamp);
    const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return err({
      kind: 'config-invalid',
      file,
      backup,
      issues,
      message: `${file} has invalid settings: ${list}. Your file was left as it is and copied to ${backup}.`,
    });
  }
  return ok({ config: parsed.data, file, created: false });
}

/**
 * Writes atomically (temp file, fsync, rename, folder fsync) so a crash mid-write leaves the old file
 * intact; the previous version is kept as `config.json.bak`. Both are 0600 and never written through
 * a symbolic link.
 */
export function saveConfig(dataDir: string, config: Config): Result<string, ConfigError> {
  const file = path.join(dataDir, CONFIG_FILE_NAME);
  const checked = configSchema.safeParse(config);
  if (!checked.success) {
    const list = issuesOf(checked.error).map((i) => `${i.path}: ${i.message}`).join('; ');
    return err({ kind: 'config-io', file, message: `refusing to save an invalid config: ${list}` });
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return err({ kind: 'config-io', file, message: `cannot create the data folder ${dataDir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
  }
  removeStaleTemps(file);
  const previous = readFileNoFollow(file);
  if (previous.ok) {
    const backedUp = writeFileAtomic(`${file}.bak`, previous.value.data, 0o600);
    if (!backedUp.ok) return err({ kind: 'config-io', file, message: backedUp.error.message });
  } else if (previous.error.kind !== 'not-found') {
    return err({ kind: 'config-io', file, message: previous.error.message });
  }
  const written = writeFileAtomic(file, `${JSON.stringify(checked.data, null, 2)}\n`, 0o600);
  return written.ok ? ok(file) : err({ kind: 'config-io', file, message: written.error.message });
}
