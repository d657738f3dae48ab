import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { createLogger } from '#core/log';
import { ok } from '#core/result';
import type { Bar } from '#model/bar';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import type { HistorySource } from '#market/history/history-loader';
import { openStore } from '#store/database';
import type { ConnectionService } from './connection-service.ts';
import { createEngine } from './engine.ts';
import { SESSION_TIME, TEST_CONFIG } from './testing/trading-harness.ts';
import { paperTrading } from './trading-wiring.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A history endpoint that answers only when the test says so, as a slow OpenAlgo does. */
function heldSource() {
  const pending: (() => void)[] = [];
  const source: HistorySource = {
    fetch: (symbol, exchange, _tf, from) =>
      new Promise((resolve) => {
        const t = Date.parse(`${from}T03:45:00Z`);
        const bar: Bar = { instrumentId: `${exchange}:${symbol}` as Bar['instrumentId'], timeframe: '1m', tsStart: t, open: 100, high: 101, low: 99, close: 100, volume: 0, closed: true };
        pending.push(() => resolve(ok([bar])));
      }),
  };
  return { source, pending };
}

describe('stopping the engine while the chart history loads', () => {
  it('abandons the loads: nothing is written into the store closed after it, and nothing rejects', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-stop-'));
    const clock = new SimClock(SESSION_TIME);
    const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const feed = createSimulatorFeed({ clock, seed: 7, warmupSessions: 0 });
    const { source, pending } = heldSource();
    const lines: string[] = [];
    const logger = createLogger({ destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }) });
    const engine = createEngine({
      clock,
      feed,
      instruments: feed.instruments(),
      store,
      config: TEST_CONFIG,
      logger,
      version: 'test',
      connection: {} as ConnectionService,
      trading: { ...paperTrading(TEST_CONFIG, clock, 's1', true), session: 's1' },
      historySource: source,
    });
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      await engine.start();
      await expect.poll(() => pending.length, { timeout: 10_000 }).toBeGreaterThan(0);
      await engine.stop();
      await store.close();
      // OpenAlgo answers after the terminal stopped.
      for (const answer of pending) answer();
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
      // Neither a failed write nor a load that went on after the stop.
      expect(lines.filter((l) => /chart history|"level":50/.test(l))).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
