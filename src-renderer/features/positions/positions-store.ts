import { create } from 'zustand';
import type { PayoffDto, PositionsDto } from '#contract/trading-dto';
import { getBridge } from '#renderer/stores/bridge.ts';
import { notify } from '#renderer/stores/toasts-store.ts';
import type { CloseRequest } from './position-groups.ts';

/** How often the payoff of the selected structure is asked for again (spot, IV and time move it). */
export const PAYOFF_REFRESH_MS = 2000;

interface PositionsState {
  view?: PositionsDto;
  /** The structure whose payoff and shock table are shown. */
  selected?: string;
  payoff?: PayoffDto;
  payoffError?: string;
  /** A close waiting for the trader's confirmation. */
  confirming?: CloseRequest;
  closing: boolean;
  error?: string;
  select(structureId: string | undefined): void;
  refreshPayoff(): Promise<void>;
  askClose(c: CloseRequest): void;
  cancelClose(): void;
  confirmClose(): Promise<void>;
}

export const usePositionsStore = create<PositionsState>((set, get) => ({
  closing: false,
  select(structureId) {
    set({ selected: structureId, payoff: undefined, payoffError: undefined });
    if (structureId) void get().refreshPayoff();
  },
  async refreshPayoff() {
    const id = get().selected;
    if (!id) return;
    const r = await getBridge().invoke('structure:payoff', { structureId: id });
    if (get().selected !== id) return;
    set(r.ok ? { payoff: r.value, payoffError: undefined } : { payoffError: r.error.message });
  },
  askClose: (confirming) => set({ confirming, error: undefined }),
  cancelClose: () => set({ confirming: undefined }),
  async confirmClose() {
    const c = get().confirming;
    if (!c || get().closing) return;
    set({ closing: true, error: undefined });
    const r =
      c.kind === 'structure'
        ? await getBridge().invoke('structure:close', { structureId: c.structureId })
        : await getBridge().invoke('position:close', { botId: c.botId, instrumentId: c.instrumentId, product: c.product });
    set({ closing: false, ...(r.ok ? { confirming: undefined } : { error: r.error.message }) });
    if (r.ok) notify({ key: `close-${c.kind === 'structure' ? c.structureId : c.instrumentId}`, tone: 'info', title: c.kind === 'structure' ? `Exiting ${c.structureId}` : 'Close sent', body: `${r.value.orders.length} order(s) written; they go through risk to the broker.` });
  },
}));

/** Follows the positions stream, and refreshes the selected structure's payoff while the panel is open. */
export function followPositions(): () => void {
  const off = getBridge().subscribe('positions', {}, {
    snapshot: (view) => usePositionsStore.setState({ view }),
    delta: (view) => usePositionsStore.setState({ view }),
  });
  const timer = setInterval(() => void usePositionsStore.getState().refreshPayoff(), PAYOFF_REFRESH_MS);
  return () => {
    off();
    clearInterval(timer);
  };
}
