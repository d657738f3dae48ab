import { createRandom, type Random } from '#core/random';
import type { StructurePolicy } from '#model/structure';

/**
 * One soak run as data, drawn from its seed alone: which structures the bots enter and exit, and what
 * goes wrong on the way (per order request, by its position within the step). The same seed gives the
 * same plan; what the plan meets at run time (fills, timings) is the market's and the machine's.
 */

/** What the fault relay does with one order-route request (placeorder, cancelorder). */
export const OrderFault = {
  /** Passed through untouched. */
  pass: 'pass',
  /** The simulator places it and never answers (its own `timeout-after-accept`): the client times out. */
  timeoutAfterAccept: 'timeout-after-accept',
  /** The simulator places it, the client gets OpenAlgo's 500 "Failed to … due to internal error". */
  errorAfterAccept: 'error-after-accept',
  /** The simulator places it, then the connection is cut before the answer. */
  dropAfterAccept: 'drop-after-accept',
  /** A 500 before anything happened (the simulator's own `status` fault): nothing is placed. */
  errorBefore: 'error-before',
  /** The simulator answers 429: nothing is placed. */
  rateLimited: 'rate-limited',
  /** OpenAlgo takes it, the simulated broker rejects it (a `rejected` row in the book). */
  brokerReject: 'broker-reject',
  /** A 400 refusal before anything happened. */
  refused: 'refused',
  /** The engine process is SIGKILLed as the request reaches OpenAlgo, which never gets it. */
  killBefore: 'kill-before',
  /** OpenAlgo places it, then the engine process is SIGKILLed before it reads the answer. */
  killAfterAccept: 'kill-after-accept',
} as const;
export type OrderFault = (typeof OrderFault)[keyof typeof OrderFault];

export const isKill = (f: OrderFault): boolean => f === OrderFault.killBefore || f === OrderFault.killAfterAccept;

export type Shape = 'straddle' | 'iron-condor';

/** How a leg is priced when it is sent: at market, a limit through the touch, or a limit that rests. */
export type LegPricing = 'market' | 'marketable-limit' | 'passive-limit';

export interface StepFaults {
  /** By the index of the placeorder request within the step (the first is 0); absent = pass. */
  readonly place: readonly (OrderFault | undefined)[];
  readonly cancel: readonly (OrderFault | undefined)[];
  /** Share of MARKET (and marketable) orders the simulator fills only in part at first. */
  readonly partialFill: number;
  /** The simulator drops every WebSocket this long after the step starts. */
  readonly dropSocketsAtMs?: number;
  /** The engine process is SIGKILLed this long after the step starts, if still busy with it. */
  readonly killAtMs?: number;
  /** After a restart the bot submits the same intent again (it must be refused as a duplicate if it was written). */
  readonly resubmitAfterKill: boolean;
}

export interface EnterStep {
  readonly kind: 'enter';
  /** Names the structure within the run (S1, S2 …); its intent id is derived from the run seed. */
  readonly key: string;
  readonly bot: string;
  readonly shape: Shape;
  readonly lots: number;
  /** Strikes from ATM: the straddle's 0; the condor's shorts at ±inner, wings at ±outer. */
  readonly inner: number;
  readonly outer: number;
  readonly pricing: readonly LegPricing[];
  readonly policy: StructurePolicy;
  readonly faults: StepFaults;
}

export interface ExitStep {
  readonly kind: 'exit';
  readonly key: string;
  readonly faults: StepFaults;
}

export type Step = EnterStep | ExitStep;

export interface RunPlan {
  readonly seed: number;
  readonly steps: readonly Step[];
}

export const BOTS = ['soak-a', 'soak-b'] as const;
export const LEG_TIMEOUT_MS = 1200;

const PLACE_FAULTS: readonly [OrderFault, number][] = [
  [OrderFault.timeoutAfterAccept, 3],
  [OrderFault.errorAfterAccept, 3],
  [OrderFault.dropAfterAccept, 2],
  [OrderFault.errorBefore, 2],
  [OrderFault.rateLimited, 3],
  [OrderFault.brokerReject, 3],
  [OrderFault.refused, 1],
  [OrderFault.killBefore, 2],
  [OrderFault.killAfterAccept, 3],
];
const CANCEL_FAULTS: readonly [OrderFault, number][] = [
  [OrderFault.timeoutAfterAccept, 2],
  [OrderFault.errorAfterAccept, 2],
  [OrderFault.errorBefore, 1],
  [OrderFault.rateLimited, 2],
  [OrderFault.killAfterAccept, 2],
];

function weighted<T>(random: Random, table: readonly [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = random.next() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

const chance = (random: Random, p: number): boolean => random.next() < p;

/** At most two kills per step, so every run ends; a kill ends the faults drawn after it in the same slot list. */
function drawFaults(random: Random, requests: number, table: readonly [OrderFault, number][], rate: number, kills: { left: number }): (OrderFault | undefined)[] {
  const out: (OrderFault | undefined)[] = [];
  for (let i = 0; i < requests; i++) {
    if (!chance(random, rate)) {
      out.push(undefined);
      continue;
    }
    let f = weighted(random, table);
    if (isKill(f)) {
      if (kills.left === 0) f = OrderFault.timeoutAfterAccept;
      else kills.left--;
    }
    out.push(f);
  }
  return out;
}

function stepFaults(random: Random, legs: number, entering: boolean): StepFaults {
  const kills = { left: chance(random, 0.5) ? 2 : chance(random, 0.6) ? 1 : 0 };
  const place = drawFaults(random, legs * 3, PLACE_FAULTS, 0.22, kills);
  // The rejected second leg: OpenAlgo takes it, the broker refuses it, the first leg is already filled.
  if (entering && legs > 1 && chance(random, 0.3)) place[random.int(1, legs - 1)] = OrderFault.brokerReject;
  const cancel = drawFaults(random, 4, CANCEL_FAULTS, 0.25, kills);
  const killAtMs = kills.left > 0 && chance(random, 0.75) ? random.int(20, 900) : undefined;
  const dropSocketsAtMs = chance(random, 0.3) ? random.int(0, 1500) : undefined;
  return {
    place,
    cancel,
    partialFill: chance(random, 0.35) ? (chance(random, 0.5) ? 1 : 0.5) : 0,
    ...(dropSocketsAtMs !== undefined ? { dropSocketsAtMs } : {}),
    ...(killAtMs !== undefined ? { killAtMs } : {}),
    resubmitAfterKill: chance(random, 0.5),
  };
}

function policy(random: Random): StructurePolicy {
  return chance(random, 0.5)
    ? { kind: 'complete', maxRetries: random.int(1, 2), chaseStepTicks: 2, chaseBandPct: 5, legTimeoutMs: LEG_TIMEOUT_MS }
    : { kind: 'unwind', legTimeoutMs: LEG_TIMEOUT_MS };
}

function pricing(random: Random, legs: number): LegPricing[] {
  const style = random.next();
  return Array.from({ length: legs }, () => {
    if (style < 0.5) return 'market';
    const r = random.next();
    return r < 0.75 ? 'marketable-limit' : 'passive-limit';
  });
}

/** The plan of run `seed`: one to three entries, then an exit of each structure that is open by then. */
export function planRun(seed: number): RunPlan {
  const random = createRandom(seed);
  const steps: Step[] = [];
  const entries = random.int(1, 3);
  for (let i = 0; i < entries; i++) {
    const shape: Shape = chance(random, 0.5) ? 'straddle' : 'iron-condor';
    const legs = shape === 'straddle' ? 2 : 4;
    const inner = shape === 'straddle' ? 0 : random.int(1, 2);
    steps.push({
      kind: 'enter',
      key: `S${i + 1}`,
      bot: BOTS[random.int(0, BOTS.length - 1)]!,
      shape,
      lots: random.int(1, 3),
      inner,
      outer: inner + random.int(1, 2),
      pricing: pricing(random, legs),
      policy: policy(random),
      faults: stepFaults(random, legs, true),
    });
  }
  for (let i = 0; i < entries; i++) {
    const enter = steps[i] as EnterStep;
    steps.push({ kind: 'exit', key: enter.key, faults: stepFaults(random, enter.shape === 'straddle' ? 2 : 4, false) });
  }
  return { seed, steps };
}
