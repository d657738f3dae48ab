import { memo, useMemo, useState, type ReactNode } from 'react';
import type { OrderDto, TradeDto } from '#contract/trading-dto';
import { createPortal } from 'react-dom';
import { Modal } from '#renderer/components/Modal.tsx';
import { WindowedTable } from '#renderer/components/WindowedTable.tsx';
import { formatInr, formatIstClock, formatPrice } from '#renderer/lib/format.ts';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { canCancel, canModify, isWorking, orderTerms, type Transition } from './order-book.ts';
import { useOrdersStore } from './orders-store.ts';
import './orders.css';

type Tab = 'working' | 'history' | 'trades';
const ROW_H = 24;
/** Orders and fills to the second, in IST. */
const formatIstTime = (ms: number): string => formatIstClock(ms).slice(0, 8);

const StatusCell = ({ o }: { o: OrderDto }) => (
  <td className={`order-status status-${o.status}`} title={o.reason}>
    {o.status}
    {o.killSwitch ? <span className="tag">KILL</span> : null}
  </td>
);

const WorkingRow = memo(function WorkingRow({ o, busy, stale, onModify }: { o: OrderDto; busy: boolean; stale: boolean; onModify: (o: OrderDto) => void }) {
  const cancel = useOrdersStore((s) => s.cancel);
  return (
    <tr data-testid="working-order" data-order={o.clientOrderId}>
      <td className="num muted">{formatIstTime(o.tsInit)}</td>
      <td>{o.botId ?? '—'}</td>
      <td title={o.instrumentId}>{instrumentLabel(o.instrumentId).name}</td>
      <td className={o.side === 'BUY' ? 'up' : 'down'}>{orderTerms(o)}</td>
      <td className="num">
        {o.filledQuantity}/{o.quantity}
      </td>
      <StatusCell o={o} />
      <td className="row-buttons">
        <button type="button" className="small-button" disabled={stale || busy || !canModify(o)} onClick={() => onModify(o)} data-testid="order-modify">
          Modify
        </button>
        <button type="button" className="small-button" disabled={stale || busy || !canCancel(o)} onClick={() => void cancel(o.clientOrderId)} data-testid="order-cancel">
          Cancel
        </button>
      </td>
    </tr>
  );
});

function Steps({ steps }: { steps: readonly Transition[] | undefined }) {
  if (!steps || steps.length === 0) return null;
  return (
    <span className="order-steps muted">
      {steps.map((t, i) => (
        <span key={`${t.status}-${i}`}>
          {i > 0 ? ' → ' : ''}
          {t.status} <span className="num">{formatIstTime(t.ts)}</span>
        </span>
      ))}
    </span>
  );
}

const HistoryRow = memo(function HistoryRow({ o, steps, picked }: { o: OrderDto; steps: readonly Transition[] | undefined; picked: boolean }) {
  const pick = useOrdersStore((s) => s.pick);
  return (
    <tr data-testid="history-order" className={`pickable${picked ? ' selected' : ''}`} onClick={() => void pick(o.clientOrderId)} title="Show this order's whole life">
      <td className="num muted">{formatIstTime(o.tsInit)}</td>
      <td>{o.botId ?? '—'}</td>
      <td title={o.instrumentId}>{instrumentLabel(o.instrumentId).name}</td>
      <td className={o.side === 'BUY' ? 'up' : 'down'}>{orderTerms(o)}</td>
      <td className="num">{o.filledQuantity > 0 ? `${o.filledQuantity} @ ${formatPrice(o.avgFillPrice)}` : '—'}</td>
      <StatusCell o={o} />
      <td className="steps-cell" title={steps?.map((t) => t.status).join(' → ')}>
        <Steps steps={steps} />
        {o.reason ? <span className="muted"> · {o.reason}</span> : null}
      </td>
    </tr>
  );
});

const TradeRow = memo(function TradeRow({ t }: { t: TradeDto }) {
  return (
    <tr data-testid="trade-row">
      <td className="num muted">{formatIstTime(t.tsEvent)}</td>
      <td>{t.botId ?? '—'}</td>
      <td title={t.instrumentId}>{instrumentLabel(t.instrumentId).name}</td>
      <td className={t.side === 'BUY' ? 'up' : 'down'}>{t.side}</td>
      <td className="num">{t.quantity}</td>
      <td className="num">{formatPrice(t.price)}</td>
      <td className="num">{formatInr(t.quantity * t.price)}</td>
      <td className="num" data-testid="trade-charges">
        {formatInr(t.charges, 2)}
      </td>
    </tr>
  );
});

function ModifyDialog({ order, onClose }: { order: OrderDto; onClose: () => void }) {
  const modify = useOrdersStore((s) => s.modify);
  const error = useOrdersStore((s) => s.error);
  const [qty, setQty] = useState(String(order.quantity));
  const [limit, setLimit] = useState(order.limitPrice !== undefined ? String(order.limitPrice) : '');
  const [trigger, setTrigger] = useState(order.triggerPrice !== undefined ? String(order.triggerPrice) : '');
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    const q = Number(qty);
    const l = limit === '' ? undefined : Number(limit);
    const t = trigger === '' ? undefined : Number(trigger);
    if (!Number.isInteger(q) || q <= 0) return setProblem('Quantity must be a whole number of units above 0.');
    if (l !== undefined && !(l > 0)) return setProblem('Limit price must be above 0.');
    if (t !== undefined && !(t > 0)) return setProblem('Trigger price must be above 0.');
    const draft = {
      ...(q !== order.quantity ? { quantity: q } : {}),
      ...(l !== undefined && l !== order.limitPrice ? { limitPrice: l } : {}),
      ...(t !== undefined && t !== order.triggerPrice ? { triggerPrice: t } : {}),
    };
    if (Object.keys(draft).length === 0) return setProblem('Nothing changed.');
    setProblem(undefined);
    if (await modify(order.clientOrderId, draft)) onClose();
  };
  // Portalled: a panel's paint containment would otherwise hold the fixed overlay inside the panel.
  return createPortal(
    <Modal title={`Modify ${order.side} ${instrumentLabel(order.instrumentId).name}`} onClose={onClose} testId="modify-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="small muted">The change goes through risk to the broker; the order keeps its place until the broker confirms.</p>
        <label>
          Quantity (units)
          <input value={qty} onChange={(e) => setQty(e.target.value)} inputMode="numeric" data-testid="modify-qty" />
        </label>
        {order.type === 'LIMIT' || order.type === 'SL' ? (
          <label>
            Limit price
            <input value={limit} onChange={(e) => setLimit(e.target.value)} inputMode="decimal" data-testid="modify-limit" />
          </label>
        ) : null}
        {order.type === 'SL' || order.type === 'SL-M' ? (
          <label>
            Trigger price
            <input value={trigger} onChange={(e) => setTrigger(e.target.value)} inputMode="decimal" />
          </label>
        ) : null}
        {problem || error ? (
          <p className="error" role="alert">
            {problem ?? error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" data-testid="modify-send">
            Send change
          </button>
          <button type="button" onClick={onClose}>
            Keep as is
          </button>
        </div>
      </form>
    </Modal>,
    document.body,
  );
}

/** Working orders (modify, cancel), the order history with each order's state transitions, and the trade book with charges. */
export function OrdersPanel() {
  const book = useOrdersStore((s) => s.book);
  const trades = useOrdersStore((s) => s.trades);
  const busy = useOrdersStore((s) => s.busy);
  const error = useOrdersStore((s) => s.error);
  const clearError = useOrdersStore((s) => s.clearError);
  const picked = useOrdersStore((s) => s.picked);
  const stale = useStale();
  const [tab, setTab] = useState<Tab>('working');
  const [editing, setEditing] = useState<OrderDto>();
  const working = useMemo(() => book.orders.filter(isWorking), [book]);
  const history = useMemo(() => book.orders.filter((o) => !isWorking(o)), [book]);
  const newestTrades = useMemo(() => [...trades].reverse(), [trades]);
  const charges = useMemo(() => trades.reduce((s, t) => s + t.charges, 0), [trades]);
  const count = { working: working.length, history: history.length, trades: trades.length };
  return (
    <div className="panel-body orders-panel" data-testid="orders-panel">
      <div className="orders-bar">
        <span className="segmented" role="tablist" aria-label="Orders view">
          {(['working', 'history', 'trades'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)} data-testid={`orders-tab-${t}`}>
              {t === 'working' ? 'Working' : t === 'history' ? 'History' : 'Trades'} <span className="num muted">{count[t]}</span>
            </button>
          ))}
        </span>
        {tab === 'trades' ? (
          <span className="muted small-inline num" data-testid="trades-charges">
            charges {formatInr(charges, 2)}
          </span>
        ) : null}
        {error ? (
          <span className="error small-inline" role="alert">
            {error}{' '}
            <button type="button" className="icon-button" onClick={clearError} aria-label="Dismiss">
              ×
            </button>
          </span>
        ) : null}
      </div>
      {tab === 'working' ? (
        <WindowedTable
          rows={working}
          rowHeight={ROW_H}
          columns={7}
          className="orders-table"
          testId="working-orders"
          empty="No working orders."
          head={<OrderHead last={<th />} />}
          row={(o) => <WorkingRow key={o.clientOrderId} o={o} busy={busy.has(o.clientOrderId)} stale={stale} onModify={setEditing} />}
        />
      ) : null}
      {tab === 'history' ? (
        <WindowedTable
          rows={history}
          rowHeight={ROW_H}
          columns={7}
          className="orders-table"
          testId="order-history"
          empty="No finished orders yet."
          head={<OrderHead last={<th>Transitions</th>} />}
          row={(o) => <HistoryRow key={o.clientOrderId} o={o} steps={book.transitions.get(o.clientOrderId)} picked={picked?.clientOrderId === o.clientOrderId} />}
        />
      ) : null}
      {tab === 'history' && picked ? (
        <div className="order-life" data-testid="order-life">
          <span className="muted">{picked.clientOrderId}</span>
          {picked.error ? <span className="error small-inline">{picked.error}</span> : null}
          {(picked.steps ?? []).map((st, i) => (
            <span key={`${st.kind}-${i}`} className="order-step" data-testid="order-step">
              {i > 0 ? '→ ' : ''}
              <b>{st.kind}</b> <span className="num muted">{formatIstTime(st.ts)}</span>
              {st.detail ? <span className="muted"> {st.detail}</span> : null}
            </span>
          ))}
        </div>
      ) : null}
      {tab === 'trades' ? (
        <WindowedTable
          rows={newestTrades}
          rowHeight={ROW_H}
          columns={8}
          className="orders-table"
          testId="trade-book"
          empty="No fills yet."
          head={
            <tr>
              <th>Time</th>
              <th>Bot</th>
              <th>Instrument</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Value</th>
              <th className="num">Charges</th>
            </tr>
          }
          row={(t) => <TradeRow key={t.tradeId} t={t} />}
        />
      ) : null}
      {editing ? <ModifyDialog order={editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}

/** The working and history tables share their columns but the last. */
function OrderHead({ last }: { readonly last: ReactNode }): ReactNode {
  return (
    <tr>
      <th>Time</th>
      <th>Bot</th>
      <th>Instrument</th>
      <th>Order</th>
      <th className="num">Filled</th>
      <th>Status</th>
      {last}
    </tr>
  );
}
