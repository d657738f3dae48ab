import { z } from 'zod';
import { TIMEFRAME_MINUTES } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { SignalSource, type SignalDirection } from '#model/signal';
import type { AdaptiveWeights, MarketAccess } from '../ports.ts';

/** A stored signal as far as the tracker reads it (`Signal` from #model/signal is one). */
export interface ObservedSignal {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly sources: readonly { readonly source: SignalSource; readonly status: string; readonly direction: SignalDirection }[];
}

export interface HitRateOptions {
  readonly market: MarketAccess;
  /** strategies.md: ML 0.4, technical 0.3, price action 0.2, confirmations 0.1. */
  readonly defaults: Readonly<Record<SignalSource, number>>;
  /** A call is a hit when the close this many 5-minute bars later moved its way (default 3: 15 minutes, the LSTM's horizon). */
  readonly horizonBars?: number;
  /** Resolved calls remembered per source (default 50). */
  readonly window?: number;
}

const SOURCES = Object.values(SignalSource);
const TIMEFRAME = '5m' as const;
const BAR_MS = TIMEFRAME_MINUTES[TIMEFRAME] * 60_000;
/** Prior calls at 50 % that every source starts with, so a handful of outcomes moves its weight only a little. */
const PRIOR = 10;

const stateSchema = z.object({
  pending: z.array(z.object({ key: z.string(), source: z.enum(SOURCES as [SignalSource, ...SignalSource[]]), instrumentId: z.string(), up: z.boolean(), entry: z.number(), exitBar: z.number() })),
  results: z.record(z.string(), z.array(z.union([z.literal(0), z.literal(1)]))),
});
export type HitRateState = z.infer<typeof stateSchema>;

/**
 * Each source's recent hit rate, and the ensemble weights it implies: a source's default weight times
 * 0.5 + its hit rate (shrunk toward 50 % by 10 prior calls), so a coin-flipper keeps its weight, a source
 * right 70 % of the time gains a fifth, and one right 30 % loses a fifth; then normalised to sum to 1.
 * Calls are directional source views from stored signals, one per source, instrument, bar and direction
 * however many bots saw it, resolved against the close `horizonBars` later in the same session.
 */
export class HitRates {
  private readonly o: Required<HitRateOptions>;
  private pending: HitRateState['pending'] = [];
  private readonly results = new Map<SignalSource, (0 | 1)[]>();
  private readonly seen = new Set<string>();
  /** The last answer of `weights()`, until a call resolves or the state is restored. */
  private cached: AdaptiveWeights | undefined | null = null;

  constructor(o: HitRateOptions) {
    this.o = { horizonBars: 3, window: 50, ...o };
    for (const s of SOURCES) this.results.set(s, []);
  }

  observe(signal: ObservedSignal): void {
    const bar = this.o.market(signal.instrumentId)?.lastBar(TIMEFRAME);
    if (!bar || bar.tsStart + BAR_MS > signal.tsEvent) return;
    for (const s of signal.sources) {
      if (s.status !== 'ok' || s.direction === 'neutral') continue;
      const key = `${s.source}|${signal.instrumentId}|${bar.tsStart}|${s.direction}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.pending.push({ key, source: s.source, instrumentId: signal.instrumentId, up: s.direction === 'long', entry: bar.close, exitBar: bar.tsStart + this.o.horizonBars * BAR_MS });
    }
  }

  /** Resolves the calls whose outcome bar has closed by `now`; true when anything changed. */
  resolve(now: number): boolean {
    // Asked on every ML reading: most instants resolve nothing, and then the list is not rebuilt.
    if (!this.pending.some((p) => !(p.exitBar + BAR_MS > now))) return false;
    let changed = false;
    this.pending = this.pending.filter((p) => {
      if (p.exitBar + BAR_MS > now) return true;
      changed = true;
      this.seen.delete(p.key);
      const exit = this.o.market(p.instrumentId as InstrumentId)?.bars(TIMEFRAME, this.o.horizonBars + 80).find((b) => b.tsStart === p.exitBar);
      // No bar at that instant: the session ended (or the feed missed it). The call is dropped, not guessed.
      if (!exit) return false;
      const list = this.results.get(p.source)!;
      this.cached = null;
      list.push((p.up ? exit.close > p.entry : exit.close < p.entry) ? 1 : 0);
      if (list.length > this.o.window) list.shift();
      return false;
    });
    return changed;
  }

  /** The weights for the ensemble, or undefined while no call has resolved (the defaults then stand, unannotated). */
  weights(): AdaptiveWeights | undefined {
    if (this.cached === null) this.cached = this.compute();
    return this.cached;
  }

  private compute(): AdaptiveWeights | undefined {
    const stats = SOURCES.map((s) => {
      const list = this.results.get(s)!;
      const hits = list.reduce<number>((a, b) => a + b, 0);
      return { s, n: list.length, hits, rate: (hits + PRIOR / 2) / (list.length + PRIOR) };
    });
    if (stats.every((x) => x.n === 0)) return undefined;
    const raw = stats.map((x) => this.o.defaults[x.s] * (0.5 + x.rate));
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = Object.fromEntries(stats.map((x, i) => [x.s, raw[i]! / total])) as Record<SignalSource, number>;
    const basis = stats.map((x) => `${x.s} ${weights[x.s].toFixed(2)} (${x.n === 0 ? 'no calls yet' : `right ${x.hits} of ${x.n}`})`).join(', ');
    return { weights, basis: `weights by hit rate (last ${this.o.window} calls per source, close ${this.o.horizonBars * 5} min later): ${basis}` };
  }

  snapshot(): HitRateState {
    return { pending: [...this.pending], results: Object.fromEntries([...this.results].map(([s, l]) => [s, [...l]])) };
  }

  /** Restores a snapshot; an unreadable one is refused with the reason and the tracker starts empty. */
  restore(json: unknown): string | undefined {
    const r = stateSchema.safeParse(json);
    if (!r.success) return `hit-rate state unreadable (${r.error.issues[0]?.message ?? 'invalid'}): starting afresh`;
    this.pending = r.data.pending;
    this.cached = null;
    for (const p of this.pending) this.seen.add(p.key);
    for (const s of SOURCES) this.results.set(s, (r.data.results[s] ?? []).slice(-this.o.window));
    return undefined;
  }
}
