import { afterAll, describe, expect, it } from 'vitest';
import { BOT_IDS, BotDay, DAY_SETTINGS, SHIPPED_MODELS } from './testing/bot-day.ts';

/**
 * Each bot's entry-threshold bandit in the running engine: rewarded by the trades the bot's own fills
 * close, kept in `ml_state`, restored after a restart, and named in the notes of the bot's entry signals.
 */
const open: BotDay[] = [];
afterAll(async () => {
  for (const d of open.splice(0).reverse()) await d.close();
});

const banditOf = (d: BotDay, bot: string): { arms: { n: number; sum: number }[]; current: number; day: string } | undefined => {
  const row = d.store.sqlite.prepare('SELECT state FROM ml_state WHERE key = ?').get(`threshold-bandit:${bot}`) as { state: string } | undefined;
  return row ? JSON.parse(row.state) : undefined;
};

/** Flat-to-flat runs of a bot's fills: the trades its bandit should have been credited with. */
function closedTrades(d: BotDay, bot: string): number {
  const held = new Map<string, number>();
  let trades = 0;
  for (const f of d.engine.trading.fills().filter((x) => d.engine.trading.ownerOf(x.clientOrderId) === bot)) {
    held.set(f.instrumentId, (held.get(f.instrumentId) ?? 0) + (f.side === 'BUY' ? f.quantity : -f.quantity));
    if ([...held.values()].every((q) => q === 0)) trades++;
  }
  return trades;
}

describe('the threshold bandit in the engine', () => {
  it('is rewarded by each closed trade of its bot, survives a restart and shows its arm in the signals', async () => {
    const first = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'bandit', shippedModels: SHIPPED_MODELS });
    open.push(first);
    first.startBots(DAY_SETTINGS);
    await first.runTo(375);
    const credited = Object.fromEntries(BOT_IDS.map((b) => [b, (banditOf(first, b)?.arms ?? []).reduce((s, a) => s + a.n, 0)]));
    const expected = Object.fromEntries(BOT_IDS.map((b) => [b, closedTrades(first, b)]));
    expect(credited).toEqual(expected);
    const traded = BOT_IDS.filter((b) => expected[b]! > 0);
    expect(traded.length).toBeGreaterThan(0);
    // Every trade of the first day was opened under the starting arm, ×1.00.
    for (const b of traded) expect(banditOf(first, b)!.current).toBe(2);
    const rider = first.engine.signals(100_000).filter((s) => s.botId === 'momentum-rider' && s.kind === 'entry');
    expect(rider.length).toBeGreaterThan(0);
    for (const s of rider) expect(s.notes.filter((n) => n.startsWith('entry thresholds')), s.notes.join(' | ')).toEqual([expect.stringMatching(/^entry thresholds ×1\.00 \(threshold bandit, arm 3 of 5: (not tried yet|mean -?\d+\.\d\d R over \d+ trades?)\)$/)]);
    const before = Object.fromEntries(BOT_IDS.map((b) => [b, banditOf(first, b)]));
    await first.close(false);
    open.pop();

    const second = await BotDay.start({ dir: first.dir, day: '2026-11-26', seed: 8, session: 'bandit2', shippedModels: SHIPPED_MODELS });
    open.push(second);
    for (const b of BOT_IDS) expect(banditOf(second, b)).toEqual(before[b]);
    // The bots come back running (their lifecycle is restored), with the same settings.
    await second.runTo(120);
    // A bot whose ×1.00 arm has a trade behind it tries the next untried arm, ×0.90, on the new day.
    for (const b of traded) expect(banditOf(second, b)).toMatchObject({ current: 0, day: '2026-11-26', arms: before[b]!.arms });
    const riderArm = traded.includes('momentum-rider') ? 'entry thresholds ×0.90 (threshold bandit, arm 1 of 5: not tried yet)' : /entry thresholds ×1\.00/;
    const next = second.engine.signals(100_000).filter((s) => s.botId === 'momentum-rider' && s.kind === 'entry' && s.tsEvent >= second.open);
    expect(next.length).toBeGreaterThan(0);
    for (const s of next) expect(s.notes.some((n) => (typeof riderArm === 'string' ? n === riderArm : riderArm.test(n)))).toBe(true);
  }, 600_000);
});
