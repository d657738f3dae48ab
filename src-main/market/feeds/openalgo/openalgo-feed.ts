import type { Clock } from '#core/clock';
import type { Tick } from '#model/bar';
import { instrumentId, parseInstrumentId, type InstrumentId } from '#model/ids';
import { createAggregatedReporter, type AggregatedLine } from '#openalgo/aggregated-reporter';
import { createOpenAlgoWsClient, type OpenAlgoWsClient, type OpenAlgoWsOptions, type WsRefusal, type WsStatus } from '#openalgo/ws-client';
import { WsMode, type WsTick } from '#openalgo/wire/ws';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';

/**
 * OpenAlgo's WebSocket behind the Feed port. Instrument ids are OpenAlgo's own `EXCHANGE:SYMBOL` pairs,
 * so the mapping is a split; the client does the reconnecting, resubscribing, stall watching and, with a
 * session probe, the return from *expired*.
 */
export interface OpenAlgoFeedOptions extends Omit<OpenAlgoWsOptions, 'clock'> {
  readonly clock: Clock;
  /** For tests: an already built client. */
  readonly client?: OpenAlgoWsClient;
  /**
   * Where rejected frames are reported for the log: the first at once, then one line per minute with
   * the count, so a broken adapter cannot flood the log.
   */
  readonly reportFrameProblems?: (line: AggregatedLine) => void;
  /**
   * Where an instrument OpenAlgo refused to stream is reported for the log: once per instrument and
   * cause (code) for the feed's life, however often a reconnect asks again and is refused again.
   */
  readonly reportRefusal?: (refusal: WsRefusal) => void;
}

const MODES: Record<FeedMode, WsMode> = { ltp: WsMode.ltp, quote: WsMode.quote, depth: WsMode.depth };

export function tickFromWs(t: WsTick, receivedAt: number): Tick {
  return {
    instrumentId: instrumentId(t.exchange, t.symbol),
    tsEvent: t.ltt ?? t.timestamp ?? receivedAt,
    ltp: t.ltp,
    ...(t.volume !== undefined ? { volume: t.volume } : {}),
    ...(t.bid !== undefined ? { bid: t.bid } : {}),
    ...(t.ask !== undefined ? { ask: t.ask } : {}),
    ...(t.bidQty !== undefined ? { bidQty: t.bidQty } : {}),
    ...(t.askQty !== undefined ? { askQty: t.askQty } : {}),
    ...(t.oi !== undefined ? { oi: t.oi } : {}),
  };
}

const LISTED = 3;

/** The trader's sentence for the refused instruments, e.g. "OpenAlgo refused to stream 1 instrument: NSE:SBIN (SUBSCRIPTION_ERROR)". */
export function refusedSentence(refused: readonly WsRefusal[]): string {
  const names = refused.slice(0, LISTED).map((r) => `${r.exchange}:${r.symbol} (${r.code})`);
  const more = refused.length > LISTED ? ` and ${refused.length - LISTED} more` : '';
  return `OpenAlgo refused to stream ${refused.length} instrument${refused.length === 1 ? '' : 's'}: ${names.join(', ')}${more}; asked again on the next reconnect`;
}

export function createOpenAlgoFeed(options: OpenAlgoFeedOptions): Feed {
  const { clock, reportFrameProblems } = options;
  const problems = reportFrameProblems ? createAggregatedReporter({ clock, emit: reportFrameProblems }) : undefined;
  const client =
    options.client ??
    createOpenAlgoWsClient({
      ...options,
      onProtocolError: (message) => {
        options.onProtocolError?.(message);
        problems?.report(message);
      },
    });
  const statusHandlers = new Set<(s: FeedStatus) => void>();
  const logged = new Set<string>();
  /** The client's status, with the refused instruments added while connected: where the trader sees feed problems. */
  const describe = (s: WsStatus): FeedStatus => {
    const refused = [...client.refused().values()];
    if (s.state !== 'connected' || refused.length === 0) return s as FeedStatus;
    return { ...(s as FeedStatus), message: [s.message, refusedSentence(refused)].filter(Boolean).join('; ') };
  };
  const publish = (s: WsStatus): void => {
    const out = describe(s);
    for (const h of [...statusHandlers]) h(out);
  };
  client.onStatus(publish);
  client.onRefusal((r) => {
    const cause = `${r.action}|${r.exchange}:${r.symbol}|${r.code}`;
    if (!logged.has(cause)) {
      logged.add(cause);
      options.reportRefusal?.(r);
    }
    if (r.action === 'subscribe') publish(client.status());
  });
  const toSymbols = (ids: readonly InstrumentId[]): { symbol: string; exchange: string }[] => ids.map((id) => parseInstrumentId(id));
  return {
    name: 'openalgo',
    async start() {
      if (client.status().state !== 'idle' && client.status().state !== 'stopped') return;
      const settled = new Promise<void>((resolve) => {
        const off = client.onStatus((s) => {
          if (s.state === 'connected' || s.state === 'expired' || s.state === 'error' || s.state === 'reconnecting') {
            off();
            resolve();
          }
        });
      });
      client.start();
      await settled;
    },
    async stop() {
      client.stop();
      problems?.close();
    },
    reconnect() {
      client.reconnect();
    },
    subscribe(ids, mode) {
      client.subscribe(toSymbols(ids), MODES[mode]);
    },
    unsubscribe(ids) {
      client.unsubscribe(toSymbols(ids));
    },
    onTick(handler) {
      return client.onTick((t) => handler(tickFromWs(t, clock.now())));
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      return () => statusHandlers.delete(handler);
    },
    status: () => describe(client.status()),
  };
}
