import type { IntentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Position } from '#model/position';
import type { Signal } from '#model/signal';
import { isUnderlying, type Underlying } from '#options/contract-specs';
import type { InstrumentLookup } from '#execution/instruments';

/**
 * Whether an intent opens a new position, which the manager may hold back (a pause, the regime) and
 * resizes: a structure entry, or an order that does not reduce a position the bot holds. Exits,
 * flattens, cancels and modifications never open, nor does a rolled structure re-entered (`continues`):
 * a pause keeps adjustments going, and a regime gate would turn every roll into an exit, since a roll
 * comes when the market has moved.
 */
export function isOpening(intent: Intent, positions: readonly Position[]): boolean {
  if (intent.kind === 'enter-structure') return intent.continues === undefined;
  if (intent.kind !== 'place') return false;
  const held = positions.find((p) => p.instrumentId === intent.instrumentId)?.netQuantity ?? 0;
  const reduces = intent.side === 'SELL' ? held >= intent.quantity : -held >= intent.quantity;
  return !reduces;
}

/** The underlying an opening intent trades (its first leg's), when the registry knows the contract. */
export function underlyingOfIntent(intent: Intent, instruments: InstrumentLookup): Underlying | undefined {
  const id = intent.kind === 'place' ? intent.instrumentId : intent.kind === 'enter-structure' ? intent.legs[0]?.instrumentId : undefined;
  const t = id ? instruments.tradable(id) : undefined;
  const name = t && (t.kind === 'option' || t.kind === 'future') ? t.underlying : undefined;
  return name !== undefined && isUnderlying(name) ? name : undefined;
}

/**
 * The signals after the manager held some intents back: a signal that named one is now filtered, its
 * reason saying who held it back and why, beside the bot's own reason. Intents no signal named get one.
 */
export function withholdInSignals(signals: readonly Signal[], withheld: ReadonlyMap<IntentId, string>, orphan: (intentId: IntentId, reason: string) => Signal): Signal[] {
  if (withheld.size === 0) return [...signals];
  const named = new Set<IntentId>();
  const out = signals.map((s) => {
    const hit = s.intentIds.filter((id) => withheld.has(id));
    if (hit.length === 0) return s;
    for (const id of hit) named.add(id);
    const reason = withheld.get(hit[0]!)!;
    return {
      ...s,
      decision: { kind: 'filtered' as const, reason: `held back by the bot manager: ${reason}` },
      notes: [...s.notes, `the bot's own rules had decided to trade: ${s.decision.reason}`],
      intentIds: s.intentIds.filter((id) => !withheld.has(id)),
    };
  });
  for (const [id, reason] of withheld) if (!named.has(id)) out.push(orphan(id, reason));
  return out;
}
