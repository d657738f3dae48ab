import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '#core/result';
import { NIFTY_FUT } from '#execution/testing/fixtures';
import { BOT_A, ReconcileHarness } from './testing/reconcile-harness.ts';
import { place, submit } from './testing/scenarios.ts';

let h: ReconcileHarness;
afterEach(() => h?.close());

describe('reconciler runs: bounded broker calls', () => {
  it('runs periodically at the configured interval, three book reads a run, and stops', async () => {
    h = new ReconcileHarness({ intervalMs: 60_000 });
    await submit(h, place(BOT_A));
    await h.reconciler.run('start');
    const base = { ...h.broker.calls };
    h.reconciler.start();
    await h.advance(5 * 60_000 + 1000, 1000);
    expect(h.broker.calls.orderBook - base.orderBook).toBe(5);
    expect(h.broker.calls.tradeBook - base.tradeBook).toBe(5);
    expect(h.reconciler.lastReport()).toMatchObject({ trigger: 'periodic', ok: true, brokerCalls: 3 });
    h.reconciler.stop();
    await h.advance(3 * 60_000, 1000);
    expect(h.broker.calls.orderBook - base.orderBook).toBe(5);
  });

  it('skips a periodic run soon after another run; coalesces recoveries inside the gap into one run', async () => {
    h = new ReconcileHarness({ intervalMs: 60_000, minGapMs: 5000 });
    await h.reconciler.run('start');
    const before = h.broker.calls.orderBook;
    expect(await h.reconciler.run('periodic')).toMatchObject({ ok: false, skipped: expect.stringContaining('60000 ms') });
    const runs = [h.reconciler.run('recovery'), h.reconciler.run('recovery'), h.reconciler.run('recovery')];
    await h.flush();
    expect(h.broker.calls.orderBook).toBe(before);
    await h.advance(5000);
    const reports = await Promise.all(runs);
    expect(reports.map((r) => r.trigger)).toEqual(['recovery', 'recovery', 'recovery']);
    expect(new Set(reports).size).toBe(1);
    expect(h.broker.calls.orderBook).toBe(before + 1);
    await h.advance(5000);
    expect((await h.reconciler.run('recovery')).ok).toBe(true);
    expect(h.broker.calls.orderBook).toBe(before + 2);
  });

  it('reads nothing while neither side changed since an agreeing run, when the broker tells its books\' version; any change is read', async () => {
    h = new ReconcileHarness({ intervalMs: 60_000 }, { brokerTellsVersion: true });
    await submit(h, place(BOT_A));
    expect(await h.reconciler.run('start')).toMatchObject({ ok: true, open: [] });
    h.reconciler.start();
    const reads = (): number => h.broker.calls.orderBook;
    let before = reads();
    await h.advance(3 * 60_000 + 1000, 1000);
    expect(reads()).toBe(before);
    expect(h.reconciler.lastReport()).toMatchObject({ trigger: 'periodic', ok: true, unchanged: true, brokerCalls: 0 });

    // Through the terminal: the store's orders changed.
    await submit(h, place(BOT_A));
    before = reads();
    await h.advance(60_000, 1000);
    expect(reads()).toBe(before + 1);
    expect(h.reconciler.lastReport()).toMatchObject({ trigger: 'periodic', ok: true, brokerCalls: 3, open: [] });
    expect(h.reconciler.lastReport()?.unchanged).toBeUndefined();
    before = reads();
    await h.advance(60_000, 1000);
    expect(reads()).toBe(before);

    // At the broker, outside the terminal: only the broker's books changed. The difference is read twice and raised.
    await h.outside({ instrumentId: NIFTY_FUT.id, side: 'SELL' });
    before = reads();
    await h.advance(60_000, 1000);
    expect(reads()).toBe(before + 2);
    expect(h.manager.findings.open().map((f) => f.kind)).toEqual(['unknown-broker-order']);
    // While a finding is open every run reads.
    before = reads();
    await h.advance(2 * 60_000, 1000);
    expect(reads()).toBe(before + 2);
  });

  it('reads every time from a broker that cannot tell its books\' version (OpenAlgo)', async () => {
    h = new ReconcileHarness({ intervalMs: 60_000 });
    await h.reconciler.run('start');
    h.reconciler.start();
    const before = h.broker.calls.orderBook;
    await h.advance(3 * 60_000 + 1000, 1000);
    expect(h.broker.calls.orderBook).toBe(before + 3);
    expect(h.reconciler.lastReport()?.unchanged).toBeUndefined();
  });

  it('changes nothing when a book cannot be read, and says why', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A));
    h.down();
    await h.outside({ instrumentId: NIFTY_FUT.id, side: 'SELL' });
    await h.restart();
    h.broker.failBookReads = 1;
    const r = await h.reconciler.run('start');
    expect(r).toMatchObject({ ok: false, error: { kind: 'unavailable' }, raised: [] });
    expect(h.manager.findings.open()).toEqual([]);
    expect((await h.reconciler.run('start')).raised.map((f) => f.kind)).toEqual(['unknown-broker-order']);
  });

  it('raises nothing for a difference seen on one read only (a second read is made at once)', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A));
    await h.restart();
    const inner = h.broker.positionBook.bind(h.broker);
    let reads = 0;
    h.broker.positionBook = async () => {
      const r = await inner();
      if (!r.ok || reads++ > 0) return r;
      return ok([...r.value, { instrumentId: NIFTY_FUT.id, product: 'NRML' as const, quantity: 75, avgPrice: 26000 }]);
    };
    const r = await h.reconciler.run('start');
    expect(r).toMatchObject({ ok: true, brokerCalls: 6, raised: [], open: [] });
    expect(reads).toBe(2);
  });

  it('clears a finding once two reads in a row show the books agree (the trader acted at the broker)', async () => {
    h = new ReconcileHarness();
    await h.restart();
    const inner = h.broker.positionBook.bind(h.broker);
    let extra = true;
    h.broker.positionBook = async () => {
      const r = await inner();
      return r.ok && extra ? ok([...r.value, { instrumentId: NIFTY_FUT.id, product: 'NRML' as const, quantity: -75, avgPrice: 26000 }]) : r;
    };
    const first = await h.reconciler.run('start');
    expect(first.raised.map((f) => [f.kind, f.subject])).toEqual([['unowned-position', `${NIFTY_FUT.id}|NRML`]]);
    expect((await h.reconciler.run('start')).brokerCalls).toBe(3);
    extra = false;
    const cleared = await h.reconciler.run('start');
    expect(cleared).toMatchObject({ brokerCalls: 6, raised: [], open: [] });
    expect(cleared.resolved.map((f) => [f.kind, f.resolution])).toEqual([['unowned-position', "no longer seen: the store and the broker's books agree"]]);
  });
});
