import type { Clock } from '#core/clock';
import { istDateKey } from '#core/time-ist';
import { parseInstrumentId, type InstrumentId } from '#model/ids';
import type { Instrument, Tradable } from '#model/instrument';
import { parseSymbol } from '#openalgo/symbol-codec';
import { isUnderlying, type SpecSource } from '#options/contract-specs';
import { expiryInstant } from '#options/expiry';
import type { InstrumentLookup } from '#execution/instruments';

const OPTION_TICK = 0.05;
const FUTURE_TICK = 0.05;

/**
 * Every tradable instrument the engine knows: the feed's futures, the options the simulated chains
 * list, and any NFO/BFO derivative named by its OpenAlgo symbol (a position restored from the store in a
 * strike no chain quotes any more must still be valued and closed). Lot sizes come from the dated
 * contract specs for the contract's expiry, as the risk checks and the paper broker read them.
 */
export class InstrumentRegistry implements InstrumentLookup {
  private readonly known = new Map<InstrumentId, Tradable>();
  private readonly specs: SpecSource;
  private readonly clock: Clock;

  constructor(specs: SpecSource, clock: Clock) {
    this.specs = specs;
    this.clock = clock;
  }

  /** Registers the tradable ones among the feed's instruments (indices are not tradable). */
  registerAll(instruments: readonly Instrument[]): void {
    for (const i of instruments) if (i.kind !== 'index') this.register(i);
  }

  register(instrument: Tradable): void {
    if (!this.known.has(instrument.id)) this.known.set(instrument.id, instrument);
  }

  tradable(id: InstrumentId): Tradable | undefined {
    const found = this.known.get(id);
    if (found) return found;
    const resolved = this.resolve(id);
    if (resolved) this.known.set(id, resolved);
    return resolved;
  }

  private resolve(id: InstrumentId): Tradable | undefined {
    let pair: { exchange: string; symbol: string };
    try {
      pair = parseInstrumentId(id);
    } catch {
      return undefined;
    }
    if (pair.exchange !== 'NFO' && pair.exchange !== 'BFO') return undefined;
    const parsed = parseSymbol(pair.symbol, pair.exchange);
    if (!parsed || (parsed.kind !== 'option' && parsed.kind !== 'future') || !isUnderlying(parsed.underlying)) return undefined;
    const e = parsed.expiry;
    const expiryKey = `${e.year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`;
    const spec = this.specs.specOn(parsed.underlying, istDateKey(this.clock.now()), expiryKey);
    if (spec.exchange !== pair.exchange) return undefined;
    const base = { id, symbol: pair.symbol, exchange: spec.exchange, underlying: parsed.underlying, expiry: expiryInstant(expiryKey), lotSize: spec.lotSize } as const;
    return parsed.kind === 'option'
      ? { ...base, kind: 'option', tickSize: OPTION_TICK, strike: parsed.strike, right: parsed.right }
      : { ...base, kind: 'future', tickSize: FUTURE_TICK };
  }
}
