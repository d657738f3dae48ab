import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE_NAME, openStore, type Store } from '#store/database';

/** A terminal database in a fresh temporary folder, for tests of the backtest service and its doors. Not a user command. */
export function openTempStore(prefix: string): { dir: string; store: Store } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const opened = openStore(path.join(dir, DATABASE_FILE_NAME), 0);
  if (!opened.ok) throw new Error(opened.error.message);
  return { dir, store: opened.value };
}
