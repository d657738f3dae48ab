import { create } from 'zustand';
import type { SignalDto } from '#contract/bot-dto';
import { getBridge } from './bridge.ts';

/** Signals the feed keeps in memory; the engine keeps every one in its database. */
export const SIGNALS_KEPT = 500;

export interface SignalFilter {
  readonly botId?: string;
  readonly decision?: SignalDto['decision']['kind'];
}

interface SignalsState {
  /** Oldest first, at most SIGNALS_KEPT. */
  signals: SignalDto[];
  filter: SignalFilter;
  /** The signal whose explanation is open. */
  selected?: SignalDto;
  /** Why a requested explanation could not be shown. */
  missing?: string;
  setFilter(filter: SignalFilter): void;
  setAll(signals: SignalDto[]): void;
  add(signal: SignalDto): void;
  open(signal: SignalDto): void;
  close(): void;
  /** Opens the explanation of a bot's signal at `tsEvent` (a bot card's last signal). */
  openOf(botId: string, tsEvent: number): void;
}

/**
 * Appends a signal, dropping the oldest beyond the cap. One already held is replaced where it stands: the
 * engine streams a signal again when its outcome changes (its intents refused before the broker).
 */
export function appendCapped(list: readonly SignalDto[], signal: SignalDto, cap = SIGNALS_KEPT): SignalDto[] {
  const at = list.findIndex((s) => s.id === signal.id);
  if (at >= 0) return list.map((s, i) => (i === at ? signal : s));
  const next = [...list, signal];
  return next.length > cap ? next.slice(next.length - cap) : next;
}

/** What the feed shows for a filter, newest first. */
export function visibleSignals(list: readonly SignalDto[], filter: SignalFilter): SignalDto[] {
  const out: SignalDto[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i]!;
    if (filter.botId && s.botId !== filter.botId) continue;
    if (filter.decision && s.decision.kind !== filter.decision) continue;
    out.push(s);
  }
  return out;
}

export const useSignalsStore = create<SignalsState>((set, get) => ({
  signals: [],
  filter: {},
  setFilter: (filter) => set({ filter }),
  setAll: (signals) => set({ signals: signals.slice(-SIGNALS_KEPT) }),
  add: (signal) => set({ signals: appendCapped(get().signals, signal), ...(get().selected?.id === signal.id ? { selected: signal } : {}) }),
  open: (selected) => set({ selected, missing: undefined }),
  close: () => set({ selected: undefined, missing: undefined }),
  openOf(botId, tsEvent) {
    const found = findSignal(get().signals, botId, tsEvent);
    if (found) return set({ selected: found, missing: undefined });
    // Older than the feed keeps: ask the engine for that bot's latest signals once.
    const off = getBridge().subscribe('signals', { botId, limit: 50 }, {
      snapshot: (list) => {
        const s = findSignal(list, botId, tsEvent);
        set(s ? { selected: s, missing: undefined } : { missing: 'That signal is no longer in the engine’s recent list; the Signals panel shows the newer ones.' });
        // A snapshot may arrive before subscribe returns: unsubscribe once it has.
        queueMicrotask(() => off());
      },
      delta: () => undefined,
      error: (e) => set({ missing: e.message }),
    });
  },
}));

function findSignal(list: readonly SignalDto[], botId: string, tsEvent: number): SignalDto | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i]!;
    if (s.botId === botId && s.tsEvent === tsEvent) return s;
  }
  return undefined;
}

/** Keeps the feed in step with the engine: the latest signals, then each new one. */
export function followSignals(): () => void {
  return getBridge().subscribe('signals', { limit: SIGNALS_KEPT }, {
    snapshot: (list) => useSignalsStore.getState().setAll(list),
    delta: (s) => useSignalsStore.getState().add(s),
  });
}
