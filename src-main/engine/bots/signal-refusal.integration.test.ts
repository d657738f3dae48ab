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
