import { create } from 'zustand';
import type { InstrumentDto } from '#contract/dto';
import type { QuoteDto } from '#contract/market-dto';
import { createFrameBatcher } from '../bridge/frame-batcher.ts';
import { loadPref, savePref } from '../lib/persist.ts';
import { getBridge } from './bridge.ts';

const MAX_LEGS = 40;
const QUOTE_REFRESH_MS = 250;
const readLegs = (raw: unknown): string[] | undefined =>
  Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && /^[A-Z_]{2,12}:[A-Z0-9&_-]{1,40}$/.test(x)).slice(0, MAX_LEGS) : undefined;
const readId = (raw: unknown): string | undefined => (typeof raw === 'string' && /^[A-Z_]{2,12}:[A-Z0-9&_-]{1,40}$/.test(raw) ? raw : undefined);

interface MarketState {
  instruments: InstrumentDto[];
  quotes: Record<string, QuoteDto>;
  /** Option legs the trader added to the watchlist (kept across restarts). */
  legs: string[];
  /** What the chart shows; undefined until the engine names its default. */
  selected?: string;
  setInstruments(list: InstrumentDto[]): void;
  applyQuotes(quotes: QuoteDto[], replace: boolean): void;
  select(id: string): void;
  addLeg(id: string): void;
  removeLeg(id: string): void;
}

export const useMarketStore = create<MarketState>((set, get) => ({
  instruments: [],
  quotes: {},
  legs: loadPref('watchlist.legs', readLegs, []),
  selected: loadPref('chart.instrument', readId, undefined),
  setInstruments: (instruments) => set({ instruments }),
  applyQuotes(list, replace) {
    const quotes = replace ? {} : { ...get().quotes };
    for (const q of list) quotes[q.instrumentId] = q;
    set({ quotes });
  },
  select(id) {
    savePref('chart.instrument', id);
    set({ selected: id });
  },
  addLeg(id) {
    const legs = get().legs;
    if (legs.includes(id) || get().instruments.some((i) => i.id === id)) return;
    const next = [...legs, id].slice(-MAX_LEGS);
    savePref('watchlist.legs', next);
    set({ legs: next });
  },
  removeLeg(id) {
    const next = get().legs.filter((l) => l !== id);
    savePref('watchlist.legs', next);
    set({ legs: next });
  },
}));

/** The feed's instruments once, then every quote (applied in batches, four a second) for the watchlist and the chart's price. */
export function followQuotes(legs: readonly string[]): () => void {
  let alive = true;
  void getBridge()
    .invoke('market:instruments', {})
    .then((r) => {
      if (alive && r.ok) useMarketStore.getState().setInstruments(r.value);
    });
  // Quotes refresh the screen four times a second: faster than anyone reads a price, far cheaper than every frame.
  const push = createFrameBatcher<QuoteDto>(
    (items) => {
      if (alive) useMarketStore.getState().applyQuotes(items, false);
    },
    (cb) => setTimeout(cb, QUOTE_REFRESH_MS),
  );
  const off = getBridge().subscribe('quotes', { legs: [...legs] }, {
    snapshot: (list) => useMarketStore.getState().applyQuotes(list, true),
    delta: (quotes) => {
      for (const q of quotes) push(q);
    },
  });
  return () => {
    alive = false;
    off();
  };
}
