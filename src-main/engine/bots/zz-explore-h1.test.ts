import { it } from 'vitest';
import { BOT_IDS, BotDay, SHIPPED_MODELS } from './testing/bot-day.ts';

it('explore', async () => {
  for (const seed of (process.env.SEEDS ?? '8').split(',').map(Number)) {
    const d = await BotDay.start({ day: process.env.DAY ?? '2026-11-25', seed, session: 'x', shippedModels: SHIPPED_MODELS });
    d.startBots({});
    await d.runTo(375);
    const orders = d.engine.trading.orders().filter((r) => r.order.botId !== undefined && r.order.filledQuantity > 0);
    const sig = d.engine.signals(100_000);
    const out: Record<string, unknown> = {};
    for (const id of BOT_IDS) {
      const mine = sig.filter((s) => s.botId === id);
      const reasons = new Map<string, number>();
      for (const s of mine.filter((s) => s.decision.kind === 'filtered')) { const k = s.decision.reason.slice(0, 90); reasons.set(k, (reasons.get(k) ?? 0) + 1); }
      out[id] = { filled: orders.filter((r) => r.order.botId === id).length, taken: mine.filter((s) => s.decision.kind === 'taken').length, filtered: mine.length, top: [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 4), maxCombined: Math.max(0, ...mine.map((s) => s.scores?.combined ?? 0)) };
    }
    console.log(process.env.DAY, seed, JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { f: (v as {filled:number}).filled, t: (v as {taken:number}).taken, n: (v as {filtered:number}).filtered, mc: Number((v as {maxCombined:number}).maxCombined.toFixed(3)), top: (v as {top: [string, number][]}).top[0]?.[0].slice(0, 60) }]))));
    await d.close();
  }
}, 1_800_000);
