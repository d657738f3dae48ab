import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { ChainCache } from '#options/chain-cache';
import { expiryInstant, yearsToExpiry } from '#options/expiry';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import { openStore, type Store } from '#store/database';
import { IvHistoryRepository } from '#store/iv-history-repository';
import { IvRecorder } from './iv-recorder.ts';

let dir = '';
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CLOSE = istToEpoch(2026, 11, 25, 15, 30);
const daily = (id: string): Bar => ({ instrumentId: instrumentId('NSE_INDEX', id), timeframe: '1d', tsStart: istToEpoch(2026, 11, 25, 9, 15), open: 1, high: 1, low: 1, close: 1, volume: 0, closed: true });

function chains(): ChainCache {
  const cache = new ChainCache();
  for (const expiry of ['2026-11-25', '2026-12-01']) {
    const expiryTs = expiryInstant(expiry);
    const chain = simulateChain({ underlying: 'NIFTY', exchange: 'NFO', expiry, expiryTs, now: CLOSE - 1000, spot: 26_000, r: 0.0525, q: 0, T: yearsToExpiry(CLOSE - 1000, expiryTs), strikeStep: 50, strikesEachSide: 5, lotSize: 65, surface: { ...DEFAULT_SURFACE, vix: 14 } });
    cache.ensure({ underlying: 'NIFTY', exchange: 'NFO', expiry, expiryTs, tickSize: 0.05, r: 0.0525 }).applyChain(chain);
  }
  return cache;
}

describe('the ATM IV history the sellers read', () => {
  it('records each underlying’s ATM IV at the daily close, from the expiry more than a day out, and keeps it in the store', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-rec-'));
    const opened = openStore(path.join(dir, 't.sqlite'), 1);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const cache = chains();
    const recorder = new IvRecorder(new IvHistoryRepository(store.sqlite), cache);
    recorder.onBar(daily('INDIAVIX'), CLOSE);
    expect(recorder.history('NIFTY')).toEqual([]);
    recorder.onBar(daily('NIFTY'), CLOSE);
    const [iv] = recorder.history('NIFTY');
    const week = cache.read('NIFTY', '2026-12-01', CLOSE)!;
    const atm = week.rows.find((r) => r.strike === week.atmStrike)!;
    expect(iv).toBeCloseTo((atm.ce!.iv! + atm.pe!.iv!) / 2, 10);
    // Read back from the store by a fresh recorder, as after a restart.
    expect(new IvRecorder(new IvHistoryRepository(store.sqlite), new ChainCache()).history('NIFTY')).toEqual([iv]);
  });

  it('has the nearest chains priced before it reads them, where nothing prices them every second (a backtest)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-rec-'));
    const opened = openStore(path.join(dir, 't.sqlite'), 1);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const cache = new ChainCache();
    const asked: string[] = [];
    const quoted = chains();
    const recorder = new IvRecorder(new IvHistoryRepository(store.sqlite), cache, (u, now) => {
      asked.push(`${u} ${now}`);
      for (const e of quoted.expiries(u)) cache.ensure(quoted.book(u, e)!.spec).applyChain(quoted.read(u, e, now)!);
    });
    recorder.onBar(daily('NIFTY'), CLOSE);
    expect(asked).toEqual([`NIFTY ${CLOSE}`]);
    expect(recorder.history('NIFTY')).toHaveLength(1);
  });

  it('records nothing for a past session’s daily bar closing while today’s chain is quoted (chart history loading)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-rec-'));
    const opened = openStore(path.join(dir, 't.sqlite'), 1);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const recorder = new IvRecorder(new IvHistoryRepository(store.sqlite), chains());
    const dayBefore: Bar = { ...daily('NIFTY'), tsStart: istToEpoch(2026, 11, 24, 9, 15) };
    recorder.onBar(dayBefore, CLOSE);
    expect(recorder.history('NIFTY')).toEqual([]);
  });
});
