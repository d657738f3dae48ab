import { err, ok } from '#core/result';
import { brokerOrderId, tradeId, type BrokerOrderId } from '#model/ids';
import { brokerError, type Broker, type BrokerOrderRow, type BrokerTrade, type BrokerUpdate } from '#execution/broker';

/**
 * A broker that lives only as long as the process (the paper broker) numbers its orders and trades from 1
 * on every start, while the store keeps the previous runs' ids: `paper-1` would be claimed twice and a new
 * trade `paper-t1` ignored as a duplicate fill. This adapter makes every id unique to the run by
 * suffixing the run's session tag, and strips it on the way in. An id of an earlier run is not in this
 * broker's book: it answers not-found, as a broker that never saw the order does.
 */
export function runScopedBroker(inner: Broker, session: string): Broker {
  const suffix = `~${session}`;
  const out = (id: BrokerOrderId): BrokerOrderId => brokerOrderId(`${id}${suffix}`);
  const inward = (id: BrokerOrderId): BrokerOrderId | undefined => (id.endsWith(suffix) ? brokerOrderId(id.slice(0, -suffix.length)) : undefined);
  const row = (r: BrokerOrderRow): BrokerOrderRow => ({ ...r, brokerOrderId: out(r.brokerOrderId) });
  const trade = (t: BrokerTrade): BrokerTrade => ({ ...t, tradeId: tradeId(`${t.tradeId}${suffix}`), brokerOrderId: out(t.brokerOrderId) });
  const unknown = (id: BrokerOrderId) => err(brokerError('not-found', `order ${id} is not in the ${inner.name} broker's book (it belongs to an earlier run)`));
  return {
    name: inner.name,
    async place(request) {
      const r = await inner.place(request);
      return r.ok ? ok({ brokerOrderId: out(r.value.brokerOrderId) }) : r;
    },
    async modify(request) {
      const id = inward(request.brokerOrderId);
      return id ? inner.modify({ ...request, brokerOrderId: id }) : unknown(request.brokerOrderId);
    },
    async cancel(id, strategy) {
      const own = inward(id);
      return own ? inner.cancel(own, strategy) : unknown(id);
    },
    async orderStatus(id, strategy) {
      const own = inward(id);
      if (!own) return unknown(id);
      const r = await inner.orderStatus(own, strategy);
      return r.ok ? ok(row(r.value)) : r;
    },
    async orderBook() {
      const r = await inner.orderBook();
      return r.ok ? ok(r.value.map(row)) : r;
    },
    async tradeBook() {
      const r = await inner.tradeBook();
      return r.ok ? ok(r.value.map(trade)) : r;
    },
    positionBook: () => inner.positionBook(),
    onUpdate(handler) {
      return inner.onUpdate((u: BrokerUpdate) => handler(u.kind === 'order' ? { kind: 'order', row: row(u.row) } : { kind: 'trade', trade: trade(u.trade) }));
    },
  };
}
