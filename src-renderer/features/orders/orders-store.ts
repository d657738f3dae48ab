import { create } from 'zustand';
import type { OrderDto, OrderStepDto, TradeDto } from '#contract/trading-dto';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { formatPrice } from '#renderer/lib/format.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { notify } from '#renderer/stores/toasts-store.ts';
import { appendTrades, applyOrder, bookFromSnapshot, emptyBook, type OrderBook } from './order-book.ts';

export interface ModifyDraft {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

interface OrdersState {
  book: OrderBook;
  trades: TradeDto[];
  /** Orders a cancel or modify was sent for and not yet answered. */
  busy: ReadonlySet<string>;
  error?: string;
  /** The order whose whole life (the engine's event log) is shown under the history. */
  picked?: { clientOrderId: string; steps?: OrderStepDto[]; error?: string };
  pick(clientOrderId: string | undefined): Promise<void>;
  cancel(clientOrderId: string): Promise<void>;
  modify(clientOrderId: string, draft: ModifyDraft): Promise<boolean>;
  clearError(): void;
}

const setBusy = (busy: ReadonlySet<string>, id: string, on: boolean): Set<string> => {
  const next = new Set(busy);
  if (on) next.add(id);
  else next.delete(id);
  return next;
};

export const useOrdersStore = create<OrdersState>((set, get) => ({
  book: emptyBook(),
  trades: [],
  busy: new Set(),
  async pick(id) {
    if (id === undefined || get().picked?.clientOrderId === id) return set({ picked: undefined });
    set({ picked: { clientOrderId: id } });
    const r = await getBridge().invoke('order:steps', { clientOrderId: id });
    if (get().picked?.clientOrderId !== id) return;
    set({ picked: r.ok ? { clientOrderId: id, steps: r.value } : { clientOrderId: id, error: r.error.message } });
  },
  async cancel(id) {
    if (get().busy.has(id)) return;
    set({ busy: setBusy(get().busy, id, true), error: undefined });
    const r = await getBridge().invoke('order:cancel', { clientOrderId: id });
    set({ busy: setBusy(get().busy, id, false), ...(r.ok ? {} : { error: r.error.message }) });
  },
  async modify(id, draft) {
    if (get().busy.has(id)) return false;
    set({ busy: setBusy(get().busy, id, true), error: undefined });
    const r = await getBridge().invoke('order:modify', { clientOrderId: id, ...draft });
    set({ busy: setBusy(get().busy, id, false), ...(r.ok ? {} : { error: r.error.message }) });
    return r.ok;
  },
  clearError: () => set({ error: undefined }),
}));

const name = (id: string) => instrumentLabel(id).name;

/** Fills and rejections as notifications: the trader sees them whichever panel is in front. */
function announce(before: OrderDto | undefined, o: OrderDto): void {
  if (before?.status === o.status) return;
  if (o.status === 'rejected' || o.status === 'denied') {
    notify({ key: `order-${o.clientOrderId}`, tone: 'bad', title: `${o.side} ${o.quantity} ${name(o.instrumentId)} ${o.status}`, ...(o.reason ? { body: o.reason } : {}) });
  }
}

/** How long a bot's fills share one notification: as long as a fill's notification shows. */
const FILL_BURST_MS = 6000;
const fillBursts = new Map<string, { count: number; lastMs: number }>();

/**
 * A structure enters or exits in a burst of fills: one notification per bot shows the latest fill and
 * counts the others, instead of a stack of toasts over the panels.
 */
function announceFill(t: TradeDto, nowMs = performance.now()): void {
  const who = t.botId ?? 'book';
  const last = fillBursts.get(who);
  const count = last && nowMs - last.lastMs < FILL_BURST_MS ? last.count + 1 : 1;
  fillBursts.set(who, { count, lastMs: nowMs });
  const body = [t.botId, count > 1 ? `${count} fills in a row` : undefined].filter(Boolean).join(' · ');
  notify({ key: `fills-${who}`, tone: 'good', title: `Filled: ${t.side} ${t.quantity} ${name(t.instrumentId)} @ ${formatPrice(t.price)}`, ...(body ? { body } : {}) });
}

/** Keeps the orders and the trade book in step with the engine while a panel that shows them is open. */
export function followOrders(): () => void {
  const bridge = getBridge();
  const offOrders = bridge.subscribe('orders', {}, {
    snapshot: (list) => useOrdersStore.setState({ book: bookFromSnapshot(list) }),
    delta: (o) => {
      const { book } = useOrdersStore.getState();
      announce(
        book.orders.find((x) => x.clientOrderId === o.clientOrderId),
        o,
      );
      useOrdersStore.setState({ book: applyOrder(book, o) });
    },
  });
  const offTrades = bridge.subscribe('trades', {}, {
    snapshot: (list) => useOrdersStore.setState({ trades: appendTrades([], list) }),
    delta: (t) => {
      announceFill(t);
      useOrdersStore.setState({ trades: appendTrades(useOrdersStore.getState().trades, [t]) });
    },
  });
  return () => {
    offOrders();
    offTrades();
  };
}
