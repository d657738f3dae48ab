import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { stopOnUncaughtErrors } from './crash-handler.ts';

function harness() {
  const proc = new EventEmitter();
  const seen: { fatal: unknown[]; dialogs: [string, string][]; exits: number[] } = { fatal: [], dialogs: [], exits: [] };
  const logger = silentLogger();
  (logger as unknown as { fatal: (o: { err: unknown }) => void }).fatal = (o) => seen.fatal.push(o.err);
  stopOnUncaughtErrors(proc, { logger, logFile: '/data/logs/terminal.log', showError: (t, m) => seen.dialogs.push([t, m]), exit: (c) => seen.exits.push(c) });
  return { proc, seen };
}

describe('an uncaught error in the app', () => {
  it('stops it after one dialog saying what a known one means and how to go on', () => {
    const { proc, seen } = harness();
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    proc.emit('uncaughtException', locked);
    expect(seen.fatal).toEqual([locked]);
    expect(seen.exits).toEqual([1]);
    expect(seen.dialogs).toEqual([
      [
        'The terminal stopped',
        "The terminal stopped: the database refused a write: database is locked (another program held the database's write lock for more than 5 s).\n\nTo go on: close the program holding terminal.sqlite (or free disk space) and start again: everything written before is kept, and a terminal reconciles with the broker as it starts.\n\nThe details are in /data/logs/terminal.log.",
      ],
    ]);
  });

  it('stops it on any other error or rejected promise too, asking for a report', () => {
    const { proc, seen } = harness();
    proc.emit('unhandledRejection', 'not an Error');
    proc.emit('uncaughtException', new TypeError('x is undefined'));
    expect(seen.exits).toEqual([1, 1]);
    expect(seen.dialogs.map(([, m]) => m.split('\n')[0])).toEqual(['Unexpected error: not an Error', 'Unexpected error: x is undefined']);
    expect(seen.dialogs[1]![1]).toContain('The details are in /data/logs/terminal.log; please report it with them.');
  });
});
