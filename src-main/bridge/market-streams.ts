import type { z } from 'zod';
import type { InstrumentId } from '#model/ids';
import type { EngineApi } from '#engine/engine-api';
import type { QuoteView } from '#engine/charting/market-screens';
import type { ChainView } from '#engine/charting/option-chains';
import type { chainParams, ChainDto, QuoteDto, quotesParams, studiesParams } from '#contract/market-dto';
import type { BridgeResult } from '#contract/dto';

export interface MarketSink {
  snapshot(data: unknown): void;
  delta(data: unknown): void;
}

type Opened = BridgeResult<() => void>;

/**
 * Bars a chart's snapshot carries (the newest); older ones come page by page through `market:history` as
 * the trader scrolls back. Keeps a snapshot well under the bridge socket's 1 MiB send budget.
 */
export const CHART_SNAPSHOT_BARS = 2000;

/** Domain → wire: a quote view is already the wire shape, minus the brand on its id. */
export const toQuoteDto = (q: QuoteView): QuoteDto => ({ ...q, instrumentId: q.instrumentId as string });
export const toChainDto = (c: ChainView): ChainDto => c as ChainDto;

/**
 * Watchlist quotes: the feed's instruments and the legs asked for. The ticks of one turn of the event loop go
 * as one delta, the newest quote of each instrument: a feed delivers a second's ticks of every instrument
 * together, and one message per tick was 270 messages a second at 30× (each a socket frame the browser parses
 * and dispatches: a fifth of Chromium's CPU on the terminal's page).
 */
export function openQuotes(api: EngineApi, { legs }: z.infer<typeof quotesParams>, sink: MarketSink): Opened {
  const now = api.status().now;
  const wanted = (legs ?? []).map((l) => l as InstrumentId).filter((id) => api.market.follow(id, now));
  const asked = new Set(wanted);
  sink.snapshot(api.market.watchlist(wanted).map(toQuoteDto));
  let pending: Map<string, QuoteDto> | undefined;
  let closed = false;
  const flush = (): void => {
    const batch = pending;
    pending = undefined;
    if (batch && !closed) sink.delta([...batch.values()]);
  };
  const off = api.events.subscribe('tick', (tick) => {
    if (!api.market.isFeedInstrument(tick.instrumentId) && !asked.has(tick.instrumentId)) return;
    const q = api.market.quoteOfTick(tick);
    if (!q) return;
    if (!pending) {
      pending = new Map();
      setImmediate(flush);
    }
    pending.set(q.instrumentId, toQuoteDto(q));
  });
  return {
    ok: true,
    value: () => {
      closed = true;
      off();
    },
  };
}

/**
 * One chart's studies, fed exactly the bars the chart's bars stream carries: its snapshot first, then
 * each closed bar and each forming-bar revision of that instrument and timeframe.
 */
export function openStudies(api: EngineApi, { instrumentId, timeframe, studies }: z.infer<typeof studiesParams>, sink: MarketSink): Opened {
  const id = instrumentId as InstrumentId;
  const bars = api.bars(id, timeframe);
  if (!bars) return { ok: false, error: { kind: 'not-found', message: `no ${timeframe} bars for ${instrumentId}` } };
  const session = api.market.studies(studies);
  sink.snapshot(session.start(bars, CHART_SNAPSHOT_BARS));
  const push = (bar: Parameters<typeof session.next>[0] | undefined): void => {
    const d = bar && session.next(bar);
    if (d) sink.delta(d);
  };
  const offClosed = api.events.subscribe('bar', (bar) => {
    if (bar.instrumentId === id && bar.timeframe === timeframe) push(bar);
  });
  const offTick = api.events.subscribe('tick', (tick) => {
    if (tick.instrumentId === id) push(api.formingBar(id, timeframe));
  });
  return {
    ok: true,
    value: () => {
      offClosed();
      offTick();
    },
  };
}

/** Default strikes shown each side of the money. */
export const CHAIN_STRIKES_EACH_SIDE = 12;

/** One option chain, repriced at most once per engine-clock second and sent only when it moved. */
export function openChain(api: EngineApi, { underlying, expiry, strikesEachSide }: z.infer<typeof chainParams>, sink: MarketSink): Opened {
  const read = (): ChainDto => toChainDto(api.market.chains.view(underlying, expiry, strikesEachSide ?? CHAIN_STRIKES_EACH_SIDE, api.status().now));
  let last = read();
  sink.snapshot(last);
  const off = api.events.subscribe('heartbeat', () => {
    const next = read();
    if (next.ts === last.ts && next.rows.length === last.rows.length && next.expiries.join() === last.expiries.join()) return;
    last = next;
    sink.delta(next);
  });
  return { ok: true, value: off };
}
