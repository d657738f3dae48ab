import type { ClientOrderId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import type { OrderSide } from '#model/order';
import type { StructureStatus } from '#model/structure';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureRecord } from '#store/structures-repository';
import type { LegProgress } from './structure-progress.ts';

export type StructureStep =
  | { readonly kind: 'send-entry'; readonly legIndex: number; readonly quantity: number; readonly limitPrice?: number; readonly retry: boolean }
  | { readonly kind: 'send-exit'; readonly legIndex: number; readonly quantity: number; readonly retry: boolean }
  | { readonly kind: 'cancel'; readonly clientOrderId: ClientOrderId }
  | { readonly kind: 'become'; readonly status: StructureStatus; readonly reason: string };

export interface PlanInput {
  readonly structure: StructureRecord;
  readonly progress: readonly LegProgress[];
  readonly now: number;
  readonly tickSize: (legIndex: number) => number;
  readonly unwindRetries: number;
}

const CANCELLABLE = new Set(['accepted', 'triggered', 'partially-filled', 'pending-update']);

/**
 * The next steps of a structure, from its record and what its orders say; pure, so every policy can be
 * tested without a broker, and re-planning after a restart gives the same answer as before it.
 */
export function planStructure(input: PlanInput): StructureStep[] {
  switch (input.structure.status) {
    case 'entering':
      return planEntry(input);
    case 'unwinding':
    case 'exiting':
      return planClose(input);
    case 'open':
      return planOpen(input);
    default:
      return [];
  }
}

/** An open structure whose every leg the trader closed one by one is done: it closes through its exit path (which finds nothing left to send). */
function planOpen({ progress }: PlanInput): StructureStep[] {
  const flat = progress.every((p) => p.held === 0 && p.workingEntries.length === 0 && p.workingExits.length === 0);
  return flat && progress.some((p) => p.exitFilled > 0) ? [{ kind: 'become', status: 'exiting', reason: 'every leg closed on its own' }] : [];
}

function timedOut(r: OrderRecord, now: number, timeoutMs: number): boolean {
  return CANCELLABLE.has(r.order.status) && now - (r.sentAt ?? r.order.tsInit) >= timeoutMs;
}

/**
 * Hedge-first: every BUY leg must be completely filled before any SELL leg is sent. A leg counts what
 * it holds (entries less exits): the same as what filled on a first entry, and what reconciliation's
 * completion of a structure (a leg found missing, recorded as exited) needs to buy or sell again.
 */
function planEntry({ structure, progress, now, tickSize }: PlanInput): StructureStep[] {
  const { policy } = structure;
  const steps: StructureStep[] = [];
  for (const p of progress) for (const w of p.workingEntries) if (timedOut(w, now, policy.legTimeoutMs)) steps.push({ kind: 'cancel', clientOrderId: w.order.clientOrderId });
  const complete = (p: LegProgress): boolean => p.held === p.leg.quantity && p.workingEntries.length === 0;
  if (progress.every(complete)) return [{ kind: 'become', status: 'open', reason: 'every leg filled' }];
  const hedgesDone = progress.filter((p) => p.leg.side === 'BUY').every(complete);
  for (const p of progress.filter((x) => x.leg.side === (hedgesDone ? 'SELL' : 'BUY'))) {
    const remaining = p.leg.quantity - p.held;
    if (p.workingEntries.length > 0 || remaining === 0) continue;
    const { leg } = p;
    if (leg.attempts === 0) {
      steps.push({ kind: 'send-entry', legIndex: leg.index, quantity: remaining, ...(leg.limitPrice !== undefined ? { limitPrice: leg.limitPrice } : {}), retry: false });
    } else if (policy.kind === 'complete' && leg.attempts <= policy.maxRetries) {
      const limitPrice = leg.limitPrice === undefined ? undefined : chasedPrice(leg.limitPrice, leg.side, leg.attempts, policy.chaseStepTicks, policy.chaseBandPct, tickSize(leg.index));
      steps.push({ kind: 'send-entry', legIndex: leg.index, quantity: remaining, ...(limitPrice !== undefined ? { limitPrice } : {}), retry: true });
    } else {
      const why = policy.kind === 'complete' ? `leg ${leg.index} still short of ${remaining} after ${leg.attempts} attempt(s)` : `leg ${leg.index} failed (${remaining} unfilled)`;
      return [{ kind: 'become', status: 'unwinding', reason: `${why}: unwinding the filled legs` }];
    }
  }
  return steps;
}

/**
 * Hedge-last: buy back every short leg before any long (hedge) leg is sold, so a failure anywhere
 * leaves at worst a hedge without its short, never a short without its hedge.
 */
function planClose({ structure, progress, now, unwindRetries }: PlanInput): StructureStep[] {
  const steps: StructureStep[] = [];
  const timeoutMs = structure.policy.legTimeoutMs;
  const entriesWorking = progress.flatMap((p) => p.workingEntries);
  if (entriesWorking.length > 0) {
    for (const w of entriesWorking) if (CANCELLABLE.has(w.order.status)) steps.push({ kind: 'cancel', clientOrderId: w.order.clientOrderId });
    return steps;
  }
  for (const p of progress) for (const w of p.workingExits) if (timedOut(w, now, timeoutMs)) steps.push({ kind: 'cancel', clientOrderId: w.order.clientOrderId });
  const pending = (p: LegProgress): boolean => p.held > 0 || p.workingExits.length > 0;
  const shortsOpen = progress.some((p) => p.leg.side === 'SELL' && pending(p));
  const target = progress.filter((p) => p.leg.side === (shortsOpen ? 'SELL' : 'BUY'));
  for (const p of target) {
    if (p.workingExits.length > 0 || p.held <= 0) continue;
    if (p.leg.exitAttempts >= unwindRetries) {
      const open = progress.filter((x) => x.held > 0).map((x) => `${x.leg.side} ${x.held} ${x.leg.instrumentId}`);
      return [{ kind: 'become', status: 'orphaned', reason: `could not close leg ${p.leg.index} after ${p.leg.exitAttempts} attempt(s); still held: ${open.join(', ')}` }];
    }
    steps.push({ kind: 'send-exit', legIndex: p.leg.index, quantity: p.held, retry: p.leg.exitAttempts > 0 });
  }
  if (!progress.some(pending)) return [{ kind: 'become', status: structure.status === 'unwinding' ? 'unwound' : 'closed', reason: 'every leg flat' }];
  return steps;
}

/**
 * The limit price of retry `retry` (1 = first retry): `stepTicks` ticks per retry toward the market
 * (up for a buy, down for a sell), never past `bandPct` % from the first price, on the tick grid.
 */
export function chasedPrice(first: number, side: OrderSide, retry: number, stepTicks: number, bandPct: number, tickSize: number): number {
  const dir = side === 'BUY' ? 1 : -1;
  const raw = first + dir * retry * stepTicks * tickSize;
  const bound = first * (1 + (dir * bandPct) / 100);
  const clamped = dir > 0 ? Math.min(raw, bound) : Math.max(raw, bound);
  const ticks = dir > 0 ? Math.floor(clamped / tickSize + 1e-9) : Math.ceil(clamped / tickSize - 1e-9);
  return roundToTick(Math.max(ticks, 1) * tickSize, tickSize);
}
