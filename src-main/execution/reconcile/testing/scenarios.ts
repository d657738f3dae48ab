import { intentId, type BotId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { StructureLegSpec } from '#model/structure';
import { CE_26000, CE_26500, PE_25500, PE_26000 } from '#execution/testing/fixtures';
import { BOT_A, type ReconcileHarness } from './reconcile-harness.ts';

let n = 0;

export const place = (bot: BotId, extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: intentId(`rc-${++n}`),
  botId: bot,
  instrumentId: CE_26000.id,
  side: 'BUY',
  quantity: 75,
  type: 'MARKET',
  product: 'NRML',
  reason: 'test',
  ...extra,
});

const leg = (id: StructureLegSpec['instrumentId'], side: 'BUY' | 'SELL'): StructureLegSpec => ({ instrumentId: id, side, quantity: 75, type: 'MARKET' });

/** An iron condor of bot A: wings PE 25500 and CE 26500 bought, PE and CE 26000 sold. */
export const condor = (): Intent => ({
  kind: 'enter-structure',
  intentId: intentId(`rc-${++n}`),
  botId: BOT_A,
  structure: 'iron-condor',
  product: 'NRML',
  legs: [leg(PE_26000.id, 'SELL'), leg(CE_26000.id, 'SELL'), leg(PE_25500.id, 'BUY'), leg(CE_26500.id, 'BUY')],
  policy: { kind: 'unwind', legTimeoutMs: 5000 },
  reason: 'test',
});

export const HEDGES = [PE_25500.id, CE_26500.id] as const;

export async function submit(h: ReconcileHarness, intent: Intent): Promise<void> {
  const r = await h.manager.submit(intent);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  await h.flush();
}

/** Every broker write from now on, as `SIDE qty instrument`. */
export function recordPlaces(h: ReconcileHarness): string[] {
  const seen: string[] = [];
  const inner = h.broker.place.bind(h.broker);
  h.broker.place = (req) => {
    seen.push(`${req.side} ${req.quantity} ${req.instrumentId}`);
    return inner(req);
  };
  return seen;
}
