import { afterEach, describe, expect, it } from 'vitest';
import type { Signal } from '#model/signal';
import type { BotInfo } from './bot-view.ts';
import { BotDay, DAY_CONFIG, DAY_SETTINGS } from './testing/bot-day.ts';

let open: BotDay[] = [];
afterEach(async () => {
  for (const d of open) await d.close();
  open = [];
});

/** The straddle's ATM entry carries a net theta in the thousands of rupees a day: ₹500 refuses it. */
const TIGHT_THETA = { ...DAY_CONFIG, risk: { ...DAY_CONFIG.risk, greeks: { ...DAY_CONFIG.risk.greeks, maxTheta: 500 } } };

describe('a taken signal whose intents risk refuses', () => {
  it('is stored and streamed again as refused, with the risk’s reason, and the bot card follows', async () => {
    const d = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1', config: TIGHT_THETA });
    open.push(d);
    const streamed: Signal[] = [];
    const cards: BotInfo[] = [];
    d.engine.events.subscribe('signal', (s) => streamed.push(s));
    d.engine.events.subscribe('bot', (b) => void (b.id === 'short-straddle' && cards.push(b)));
    expect(d.engine.setBotParams('short-straddle', DAY_SETTINGS['short-straddle']).ok).toBe(true);
    expect(d.engine.startBot('short-straddle').ok).toBe(true);
    await d.runTo(40);

    const stored = d.engine.signals(10_000, 'short-straddle') as Signal[];
    const refused = stored.filter((s) => s.decision.kind === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    const first = refused[0]!;
    expect(first.decision.reason).toMatch(/^refused by risk: risk greeks: Net theta would be .* the limit is ±₹500/);
    expect(first.notes.join('\n')).toMatch(/the bot's own rules had decided to trade/);
    expect(first.intentIds.length).toBeGreaterThan(0);
    // No signal still claims an entry the order manager never took.
    const owned = d.engine.trading.orders().filter((o) => o.order.botId === 'short-straddle');
    expect(owned).toEqual([]);
    expect(stored.filter((s) => s.kind === 'entry' && s.decision.kind === 'taken')).toEqual([]);

    // Streamed first as taken (when decided), then again under the same id as refused.
    const versions = streamed.filter((s) => s.id === first.id);
    expect(versions.map((s) => s.decision.kind)).toEqual(['taken', 'refused']);
    expect(JSON.parse(JSON.stringify(versions[1]))).toEqual(JSON.parse(JSON.stringify(first)));

    // The bot card's last signal says refused once the refusal is known, where it was the instant's last.
    const lastOfInstant = refused.filter((s) => {
      const next = stored[stored.indexOf(s) + 1];
      return next === undefined || next.tsEvent > s.tsEvent;
    });
    expect(lastOfInstant.length).toBeGreaterThan(0);
    for (const s of lastOfInstant) expect(cards.some((b) => b.lastSignal?.tsEvent === s.tsEvent && b.lastSignal.decision === 'refused' && b.lastSignal.reason === s.decision.reason)).toBe(true);
  }, 60_000);
});

describe('an entry while the book is reducing or halted', () => {
  it('is held back by the bot manager as filtered, with the trading state in its reason; nothing goes to risk, and entries resume with trading', async () => {
    const d = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1' });
    open.push(d);
    expect(d.engine.setBotParams('short-straddle', DAY_SETTINGS['short-straddle']).ok).toBe(true);
    expect(d.engine.startBot('short-straddle').ok).toBe(true);
    d.engine.core.ledger.restrict('halted', 'trader halts', d.clock.now());
    await d.runTo(40);

    const stored = d.engine.signals(10_000, 'short-straddle') as Signal[];
    const entries = stored.filter((s) => s.kind === 'entry');
    const held = entries.filter((s) => s.decision.reason.startsWith('held back by the bot manager: Trading is halted'));
    expect(held.length).toBeGreaterThan(0);
    for (const s of held) {
      expect(s.decision.kind).toBe('filtered');
      expect(s.decision.reason).toMatch(/^held back by the bot manager: Trading is halted because the trader set it: no new positions \(exits and adjustments go on\)$/);
      expect(s.notes.join('\n')).toMatch(/the bot's own rules had decided to trade/);
      expect(s.intentIds).toEqual([]);
    }
    expect(stored.filter((s) => s.decision.kind === 'refused' || (s.kind === 'entry' && s.decision.kind === 'taken'))).toEqual([]);
    expect(d.engine.trading.orders().filter((o) => o.order.botId === 'short-straddle')).toEqual([]);

    // Trading resumed: the next entry goes to the order path.
    expect(d.engine.trading.resume('the trader resumes').ok).toBe(true);
    await d.runTo(60);
    const after = (d.engine.signals(10_000, 'short-straddle') as Signal[]).filter((s) => s.kind === 'entry' && s.decision.kind === 'taken');
    expect(after.length).toBeGreaterThan(0);
    expect(d.engine.trading.orders().filter((o) => o.order.botId === 'short-straddle').length).toBeGreaterThan(0);
  }, 60_000);
});
