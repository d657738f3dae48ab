import type { Bus, Unsubscribe } from '#core/bus';
import { sessionAt } from '#calendar/nse-calendar';
import type { Fill } from '#model/fill';
import type { BotId, ClientOrderId, InstrumentId } from '#model/ids';
import type { FeedState } from '#market/feed';
import type { EngineEvents } from '#engine/engine-api';
import type { PositionsView } from '#engine/trading/positions-view';
import type { StateValue } from '#risk/trading-state';
import type { Notification } from './notification.ts';

/** What the rules read from the engine: its events and two cheap reads. */
export interface RuleSource {
  readonly events: Bus<EngineEvents>;
  /** The trading state above every bot (the risk ledger's, a field read). */
  tradingState(): StateValue;
  positions(): PositionsView;
  ownerOf(id: ClientOrderId): BotId | undefined;
  /** The engine clock. */
  now(): number;
}

const FEED_PROBLEMS: ReadonlySet<FeedState> = new Set<FeedState>(['stale', 'reconnecting', 'expired', 'error']);
const CAUSES: Readonly<Record<string, string>> = {
  'daily-loss': "the day's loss limit",
  'day-drawdown': "the drawdown limit from the day's peak",
  'overall-drawdown': 'the overall drawdown limit',
  'kill-switch': 'the kill switch',
  trader: 'the trader',
  'state-unreadable': 'an unreadable risk state',
};

const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 2 });
const price = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
const symbolOf = (id: InstrumentId): string => id.slice(id.indexOf(':') + 1);

export function fillNotification(fill: Fill, bot: BotId | undefined): Notification {
  return {
    kind: 'fill',
    title: `Filled: ${fill.side} ${fill.quantity} ${symbolOf(fill.instrumentId)} @ ${price.format(fill.price)}`,
    body: `${bot ? `bot ${bot}` : 'manual order'} · charges ${rupees.format(fill.charges)}`,
    urgent: false,
    tsEvent: fill.tsEvent,
  };
}

/**
 * Turns engine events into notifications: fills, rejections, risk-state changes, feed and session
 * problems (and their recovery), writes the database refused, and one summary when a session ends. Handlers only compare and format;
 * the heartbeat (once an engine second) reads the risk state, a field.
 */
export function watchEngine(source: RuleSource, notify: (n: Notification) => void): Unsubscribe {
  let riskState = source.tradingState();
  const since = source.now();
  let feedState: FeedState | undefined;
  let session: string | undefined;
  let fills = 0;
  let rejections = 0;

  const offs: Unsubscribe[] = [
    source.events.subscribe('fill', (fill) => {
      fills++;
      notify(fillNotification(fill, source.ownerOf(fill.clientOrderId)));
    }),
    source.events.subscribe('order', ({ order }) => {
      // A refusal from before (a resumed book published again) was told then, or is history.
      if ((order.status !== 'rejected' && order.status !== 'denied') || order.tsLast < since) return;
      rejections++;
      notify({
        kind: 'rejection',
        title: order.status === 'rejected' ? `Order rejected by the broker: ${symbolOf(order.instrumentId)}` : `Order refused by the terminal: ${symbolOf(order.instrumentId)}`,
        body: `${order.side} ${order.quantity}${order.botId ? ` (bot ${order.botId})` : ''}: ${order.reason ?? 'no reason given'}`,
        urgent: true,
        tsEvent: order.tsLast,
      });
    }),
    source.events.subscribe('feed-status', (s) => {
      const before = feedState;
      feedState = s.state;
      if (s.state === before) return;
      if (FEED_PROBLEMS.has(s.state)) {
        const title = s.state === 'expired' ? 'OpenAlgo session expired' : `Market data feed ${s.state}`;
        notify({ kind: 'feed', title, body: s.message ?? `the feed is ${s.state}`, urgent: true, tsEvent: s.tsEvent });
      } else if (s.state === 'connected' && before !== undefined && FEED_PROBLEMS.has(before)) {
        notify({ kind: 'feed', title: 'Market data feed connected again', body: `after being ${before}`, urgent: false, tsEvent: s.tsEvent });
      }
    }),
    source.events.subscribe('store-fault', (r) => {
      const more = r.count > 1 ? ` (${r.count} refused writes since the last report)` : '';
      notify({
        kind: 'risk',
        title: 'The database refused a write',
        body: `on ${r.where}: ${r.fault.message}; ${r.consequence}${more}. No order is sent before it is written, so none goes out while this lasts: close the program holding terminal.sqlite or free disk space.`,
        urgent: true,
        tsEvent: r.ts,
      });
    }),
    source.events.subscribe('heartbeat', (status) => {
      const now = source.tradingState();
      if (now.state !== riskState.state) {
        const cause = now.cause ? (CAUSES[now.cause] ?? now.cause) : undefined;
        notify(
          now.state === 'active'
            ? { kind: 'risk', title: 'Trading active again', body: `was ${riskState.state}`, urgent: false, tsEvent: status.now }
            : {
                kind: 'risk',
                title: now.state === 'halted' ? 'Trading halted' : 'Trading reduced to exits only',
                body: cause ? `by ${cause}` : `trading is ${now.state}`,
                urgent: true,
                tsEvent: status.now,
              },
        );
      }
      riskState = now;
      const today = sessionAt(status.now)?.dateKey;
      if (session !== undefined && today !== session) {
        notify(summary(session, source.positions(), fills, rejections, status.now));
        fills = 0;
        rejections = 0;
      }
      session = today;
    }),
  ];
  return () => {
    for (const off of offs.splice(0)) off();
  };
}

function summary(dateKey: string, p: PositionsView, fills: number, rejections: number, ts: number): Notification {
  const open = p.positions.filter((x) => x.netQuantity !== 0).length;
  const lines = [
    `realised ${rupees.format(p.realizedPnl)}, charges ${rupees.format(p.charges)}`,
    p.unrealizedPnl === undefined ? `unrealised: not every leg has a price` : `unrealised ${rupees.format(p.unrealizedPnl)}`,
    `${open} open position${open === 1 ? '' : 's'}, ${fills} fill${fills === 1 ? '' : 's'}, ${rejections} rejection${rejections === 1 ? '' : 's'}`,
  ];
  return { kind: 'summary', title: `Session ${dateKey} closed`, body: lines.join('\n'), urgent: false, tsEvent: ts };
}
