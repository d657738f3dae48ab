import { z } from 'zod';
import type { Random } from '#core/random';

/**
 * Fault injection for the simulator. Every draw comes from the seeded Random, so a seed replays the same
 * faults; one-shot faults are queued per path for tests and scripts that need an exact sequence.
 */
export const restFaultSchema = z.discriminatedUnion('kind', [
  /** Answer with this status (500s, 429s…) without touching the book. */
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599), retryAfter: z.number().positive().optional(), message: z.string().optional() }),
  /** Process the request (the order is placed), then never answer: the client times out. */
  z.object({ kind: z.literal('timeout-after-accept') }),
  /** Never process and never answer. */
  z.object({ kind: z.literal('timeout') }),
  /** Process, then answer 200 with a body that is not JSON. */
  z.object({ kind: z.literal('malformed') }),
]);
export type RestFault = z.infer<typeof restFaultSchema>;

export const faultRatesSchema = z.object({
  latencyMinMs: z.number().min(0),
  latencyMaxMs: z.number().min(0),
  error500: z.number().min(0).max(1),
  rate429: z.number().min(0).max(1),
  timeoutAfterAccept: z.number().min(0).max(1),
  malformed: z.number().min(0).max(1),
  /** Share of WebSocket market-data frames replaced by garbage. */
  wsMalformed: z.number().min(0).max(1),
  partialFill: z.number().min(0).max(1),
  reject: z.number().min(0).max(1),
});
export type FaultRates = z.infer<typeof faultRatesSchema>;

export const NO_FAULTS: FaultRates = {
  latencyMinMs: 0,
  latencyMaxMs: 0,
  error500: 0,
  rate429: 0,
  timeoutAfterAccept: 0,
  malformed: 0,
  wsMalformed: 0,
  partialFill: 0,
  reject: 0,
};

export const faultActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest'), path: z.string().min(1), fault: restFaultSchema, times: z.number().int().min(1).default(1) }),
  z.object({ kind: z.literal('rates'), rates: faultRatesSchema.partial() }),
  /** Terminates every WebSocket client without a close frame. */
  z.object({ kind: z.literal('drop-sockets') }),
  /** Sockets stay open but no market data flows. */
  z.object({ kind: z.literal('stall'), on: z.boolean() }),
  /**
   * The broker session behind OpenAlgo expires (its daily 03:00 IST logout): the API key stays valid, REST
   * answers as OpenAlgo does without a broker token (mostly 403), the WebSocket answers auth with
   * BROKER_ERROR and keeps the socket open, ticks stop.
   */
  z.object({ kind: z.literal('expire-session') }),
  z.object({ kind: z.literal('restore-session') }),
  /** The WebSocket server swallows auth frames, so the grace period ends with close 4401. */
  z.object({ kind: z.literal('ignore-auth'), on: z.boolean() }),
  z.object({ kind: z.literal('ws-malformed'), count: z.number().int().min(1).max(10_000) }),
  /** Sends this text as one frame to every open WebSocket client: a test's exact bad or unexpected frame. */
  z.object({ kind: z.literal('ws-raw'), text: z.string() }),
  z.object({ kind: z.literal('price'), exchange: z.string(), symbol: z.string(), ltp: z.number().positive() }),
  /** Subscribes of these `EXCHANGE:SYMBOL`s fail per symbol with this adapter code, until an empty list lifts it. */
  z.object({ kind: z.literal('ws-refuse'), symbols: z.array(z.string().min(3)), code: z.string().min(1).default('SUBSCRIPTION_ERROR'), message: z.string().default('Subscription failed') }),
  /** Each client holds at most this many symbols; a subscribe beyond fails per symbol with MAX_CAPACITY_REACHED. Null lifts it. */
  z.object({ kind: z.literal('ws-capacity'), max: z.number().int().min(0).nullable() }),
  /**
   * The next `times` subscribes (naming a symbol of `exchange`, when given) fail whole, with OpenAlgo's error
   * frame (no type, no request_id). Zero times lifts it.
   */
  z.object({
    kind: z.literal('ws-fail-subscribe'),
    code: z.string().min(1).default('BROKER_ERROR'),
    message: z.string().default('Broker adapter not found'),
    exchange: z.string().min(1).optional(),
    times: z.number().int().min(0).default(1),
  }),
]);
export type FaultAction = z.input<typeof faultActionSchema>;

export const faultScriptSchema = z.array(z.object({ afterMs: z.number().min(0), action: faultActionSchema }));
export type FaultScript = z.input<typeof faultScriptSchema>;

export class SimFaults {
  rates: FaultRates = { ...NO_FAULTS };
  sessionExpired = false;
  stalled = false;
  ignoreAuth = false;
  /** `EXCHANGE:SYMBOL` → the adapter's refusal of its subscribe. */
  wsRefused = new Map<string, { code: string; message: string }>();
  wsCapacity: number | null = null;
  wsFailSubscribe: { code: string; message: string; exchange?: string | undefined; times: number } | undefined;
  private readonly queued = new Map<string, RestFault[]>();
  private readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  queue(path: string, fault: RestFault, times = 1): void {
    const list = this.queued.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.queued.set(path, list);
  }

  /** The fault for this request, if any: queued ones first (path or `*`), then the seeded rates. */
  take(path: string): RestFault | undefined {
    for (const k of [path, '*']) {
      const list = this.queued.get(k);
      if (list && list.length > 0) return list.shift();
    }
    const r = this.rates;
    if (r.error500 > 0 && this.random.next() < r.error500) return { kind: 'status', status: 500 };
    if (r.rate429 > 0 && this.random.next() < r.rate429) return { kind: 'status', status: 429, retryAfter: 1 };
    if (r.timeoutAfterAccept > 0 && this.random.next() < r.timeoutAfterAccept) return { kind: 'timeout-after-accept' };
    if (r.malformed > 0 && this.random.next() < r.malformed) return { kind: 'malformed' };
    return undefined;
  }

  latencyMs(): number {
    const { latencyMinMs: lo, latencyMaxMs: hi } = this.rates;
    return hi > lo ? lo + this.random.next() * (hi - lo) : lo;
  }

  wsGarbage(): boolean {
    return this.rates.wsMalformed > 0 && this.random.next() < this.rates.wsMalformed;
  }
}
