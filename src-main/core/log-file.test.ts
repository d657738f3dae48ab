import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { openLogDestination } from './log-file.ts';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'log-file-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const collector = () => {
  const lines: string[] = [];
  return { write: (s: string) => lines.push(s), lines };
};

describe('openLogDestination', () => {
  it('creates the file (0600) in a new folder and appends each line at once', () => {
    const file = path.join(tmp, 'a', 'logs', 'terminal.log');
    const opened = openLogDestination(file);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const logger = createLogger({ destination: opened.value });
    logger.info({ n: 1 }, 'first');
    // Synchronous: the line is in the file before the call returns, so an exit right now loses nothing.
    expect(fs.readFileSync(file, 'utf8')).toMatch(/"msg":"first"/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reports a file it cannot open instead of failing later', () => {
    const file = path.join(tmp, 'b', 'terminal.log');
    fs.mkdirSync(file, { recursive: true });
    const opened = openLogDestination(file);
    expect(opened).toEqual({ ok: false, error: { kind: 'log-file-unwritable', file, reason: 'EISDIR: illegal operation on a directory' } });
  });

  it.skipIf(!fs.existsSync('/dev/full'))('moves to the fallback with one warning when writes start failing, losing no line', () => {
    const file = path.join(tmp, 'full.log');
    fs.symlinkSync('/dev/full', file);
    const fallback = collector();
    const opened = openLogDestination(file, fallback);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    opened.value.write('one\n');
    opened.value.write('two\n');
    expect(fallback.lines).toEqual([
      `warning: cannot write the log file ${file} (ENOSPC: no space left on device); logging to stderr from now on. Free disk space or fix the file's permissions, then restart.\n`,
      'one\n',
      'two\n',
    ]);
  });
});
