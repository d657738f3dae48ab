import { create } from 'zustand';
import type { BookPayoffDto, PayoffDto, PositionsDto } from '#contract/trading-dto';
import { getBridge } from '#renderer/stores/bridge.ts';
import { notify } from '#renderer/stores/toasts-store.ts';
import type { CloseRequest } from './position-groups.ts';
import { payoffProblem, selectionKey, type PayoffSelection } from './payoff-selection.ts';

/** How often the selected payoff is asked for again (spot, IV and time move it). */
export const PAYOFF_REFRESH_MS = 2000;

interface PositionsState {
  view?: PositionsDto;
  /** What the payoff and shock table are shown for. */
  selected?: PayoffSelection;
  /** The selected payoff; `underlyings` when drawn for the whole book. */
  payoff?: Omit<PayoffDto, 'structureId'> & Partial<Pick<BookPayoffDto, 'underlyings'>>;
  payoffError?: string;
  /** Nothing to draw, said calmly: the selection was closed since it was picked. */
  payoffNote?: string;
  /** A close waiting for the trader's confirmation. */
  confirming?: CloseRequest;
  closing: boolean;
  error?: string;
  /** Selects, or clears the selection when the same thing is selected again. */
  select(selection: PayoffSelection | undefined): void;
  refreshPayoff(): Promise<void>;
  askClose(c: CloseRequest): void;
  cancelClose(): void;
  confirmClose(): Promise<void>;
}

export const usePositionsStore = create<PositionsState>((set, get) => ({
  closing: false,
  select(selection) {
    const same = selection !== undefined && selection.kind !== 'portfolio' && selectionKey(selection) === selectionKey(get().selected);
    set({ selected: same ? undefined : selection, payoff: undefined, payoffError: undefined, payoffNote: undefined });
    if (!same && selection) void get().refreshPayoff();
  },
  async refreshPayoff() {
    const sel = get().selected;
    if (!sel) return;
    const r =
      sel.kind === 'structure'
        ? await getBridge().invoke('structure:payoff', { structureId: sel.structureId })
        : await getBridge().invoke('book:payoff', sel.kind === 'position' ? sel : { kind: 'portfolio', ...(sel.underlying ? { underlying: sel.underlying } : {}) });
    if (get().selected !== sel) return;
    if (r.ok) return set({ payoff: r.value, payoffError: undefined, payoffNote: undefined });
    const problem = payoffProblem(sel, r.error);
    set(problem.nothingHeld ? { payoff: undefined, payoffError: undefined, payoffNote: problem.text } : { payoffError: problem.text, payoffNote: undefined });
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
        : c.kind === 'leg'
          ? await getBridge().invoke('structure:close-leg', { structureId: c.structureId, legIndex: c.legIndex })
          : await getBridge().invoke('position:close', { botId: c.botId, instrumentId: c.instrumentId, product: c.product });
    set({ closing: false, ...(r.ok ? { confirming: undefined } : { error: r.error.message }) });
    if (r.ok) notify({ key: `close-${c.kind === 'structure' ? c.structureId : c.instrumentId}`, tone: 'info', title: c.kind === 'structure' ? `Exiting ${c.structureId}` : c.kind === 'leg' ? `Closing leg ${c.legIndex} of ${c.structureId}` : 'Close sent', body: `${r.value.orders.length} order(s) written; they go through risk to the broker.` });
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
