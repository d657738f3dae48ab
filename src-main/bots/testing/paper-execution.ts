import type { Fill } from '#model/fill';
import { clientOrderId, structureId, tradeId, type InstrumentId, type IntentId, type StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OrderSide } from '#model/order';
import { applyFill, emptyPosition, type Position } from '#model/position';
import type { StructureKind, StructureStatus } from '#model/structure';
import type { BotStructureLeg, BotStructureView } from '../contract/context.ts';

/**
 * How the stand-in execution treats a structure entry: fill it at once, deny it (a denied record), leave
 * it working, or lose it (refused before any record was written, as a malformed intent would be).
 */
export type EntryMode = 'fill' | 'deny' | 'hold' | 'lose';

interface StructureRecord {
  structureId: StructureId;
  intentId: IntentId;
  kind: StructureKind;
  status: StructureStatus;
  legs: BotStructureLeg[];
  tsInit: number;
}

/**
 * A stand-in for execution in bot tests (bots may not import the real one): structures open at their
 * limit prices, exits and flattens close at the touch the test's market quotes, positions fold fills.
 * It answers in the shapes the bot manager hands a context, so a bot goes through its whole lifecycle.
 */
export class PaperExecution {
  mode: EntryMode = 'fill';
  readonly fills: Fill[] = [];
  private readonly records: StructureRecord[] = [];
  private readonly book = new Map<InstrumentId, Position>();
  private seq = 0;
  private readonly touch: (instrumentId: InstrumentId, side: OrderSide) => number | undefined;

  /** `touch(id, side)`: the price a market order in `id` would trade at now. */
  constructor(touch: (instrumentId: InstrumentId, side: OrderSide) => number | undefined) {
    this.touch = touch;
  }

  structures(): BotStructureView[] {
    return this.records.map((r) => ({ ...r, legs: r.legs.map((l) => ({ ...l })) }));
  }

  positions(): Position[] {
    return [...this.book.values()].filter((p) => p.netQuantity !== 0 || p.buyQuantity > 0);
  }

  submit(intents: readonly Intent[], now: number): void {
    for (const i of intents) {
      if (i.kind === 'enter-structure') this.enter(i, now);
      else if (i.kind === 'exit-structure') this.close(this.records.find((r) => r.structureId === i.structureId), now);
      else if (i.kind === 'flatten') this.flatten(i.instrumentId, now);
      else if (i.kind === 'place') this.fill(i.instrumentId, i.side, i.quantity, i.limitPrice ?? this.touch(i.instrumentId, i.side)!, now);
    }
  }

  private enter(i: Extract<Intent, { kind: 'enter-structure' }>, now: number): void {
    if (this.mode === 'lose') return;
    const status: StructureStatus = this.mode === 'fill' ? 'open' : this.mode === 'deny' ? 'denied' : 'entering';
    const legs = i.legs.map((l) => ({ instrumentId: l.instrumentId, side: l.side, quantity: l.quantity, heldQuantity: 0, entryPrice: 0 }));
    const rec: StructureRecord = { structureId: structureId(`st-${++this.seq}`), intentId: i.intentId, kind: i.structure, status, legs, tsInit: now };
    this.records.push(rec);
    if (status !== 'open') return;
    i.legs.forEach((l, k) => {
      const price = l.limitPrice ?? this.touch(l.instrumentId, l.side)!;
      this.fill(l.instrumentId, l.side, l.quantity, price, now);
      rec.legs[k] = { ...rec.legs[k]!, heldQuantity: l.quantity, entryPrice: price };
    });
  }

  /** Closes a structure's legs at the touch, shorts first. */
  private close(rec: StructureRecord | undefined, now: number): void {
    if (!rec || rec.status === 'closed') return;
    const order = [...rec.legs.keys()].sort((a, b) => (rec.legs[a]!.side === 'SELL' ? -1 : 0) - (rec.legs[b]!.side === 'SELL' ? -1 : 0));
    for (const k of order) {
      const l = rec.legs[k]!;
      if (l.heldQuantity === 0) continue;
      const side: OrderSide = l.side === 'SELL' ? 'BUY' : 'SELL';
      this.fill(l.instrumentId, side, l.heldQuantity, this.touch(l.instrumentId, side)!, now);
      rec.legs[k] = { ...l, heldQuantity: 0 };
    }
    rec.status = 'closed';
  }

  private flatten(instrumentId: InstrumentId | undefined, now: number): void {
    for (const rec of this.records) {
      if (rec.status === 'open' && (!instrumentId || rec.legs.some((l) => l.instrumentId === instrumentId))) this.close(rec, now);
    }
    for (const p of this.book.values()) {
      if (p.netQuantity === 0 || (instrumentId && p.instrumentId !== instrumentId)) continue;
      const side: OrderSide = p.netQuantity > 0 ? 'SELL' : 'BUY';
      this.fill(p.instrumentId, side, Math.abs(p.netQuantity), this.touch(p.instrumentId, side)!, now);
    }
  }

  private fill(instrumentId: InstrumentId, side: OrderSide, quantity: number, price: number, now: number): void {
    const n = ++this.seq;
    const fill: Fill = { tradeId: tradeId(`t-${n}`), clientOrderId: clientOrderId(`o-${n}`), instrumentId, side, quantity, price, charges: 0, tsEvent: now };
    this.fills.push(fill);
    this.book.set(instrumentId, applyFill(this.book.get(instrumentId) ?? emptyPosition(instrumentId), fill));
  }
}
