import type { Bar } from '#model/bar';
import type { Instrument } from '#model/instrument';
import type { BotInfo, EngineStatus, HistoryListing } from '#engine/engine-api';
import type { ConnectionTestResult } from '#engine/connection-service';
import type { BarDto, BotDto, ConnectionTestDto, FeedDto, InstrumentDto, SessionDto } from '#contract/dto';
import type { HistoryListDto } from '#contract/history-dto';
import { formatIstTime, istDateKey } from '#core/time-ist';

/** Domain → wire. The only place that knows both shapes. */
export const toBarDto = (b: Bar): BarDto => ({
  time: b.tsStart,
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
  closed: b.closed,
});

export const toInstrumentDto = (i: Instrument): InstrumentDto => ({ id: i.id, symbol: i.symbol, exchange: i.exchange, kind: i.kind });

export const toBotDto = (b: BotInfo): BotDto => ({
  id: b.id,
  kind: b.kind,
  name: b.name,
  description: b.description,
  state: b.state,
  available: b.available,
  ...(b.message !== undefined ? { message: b.message } : {}),
  ...(b.execution !== undefined ? { execution: b.execution } : {}),
  ...(b.allocation !== undefined ? { allocation: b.allocation } : {}),
  ...(b.pnlToday !== undefined && Number.isFinite(b.pnlToday) ? { pnlToday: b.pnlToday } : {}),
  ...(b.openPositions !== undefined ? { openPositions: b.openPositions } : {}),
  ...(b.openStructures !== undefined ? { openStructures: b.openStructures } : {}),
  ...(b.regimes !== undefined ? { regimes: [...b.regimes] } : {}),
  ...(b.pendingParams !== undefined ? { pendingParams: b.pendingParams } : {}),
  ...(b.lastSignal !== undefined ? { lastSignal: { ...b.lastSignal } } : {}),
});

export const toFeedDto = (name: string, f: EngineStatus['feed']): FeedDto => ({
  name,
  state: f.state,
  ...(f.message !== undefined ? { message: f.message } : {}),
  ...(Number.isInteger(f.tsEvent) ? { since: f.tsEvent } : {}),
});

export const toSessionDto = (s: EngineStatus): SessionDto => ({
  version: s.version,
  mode: s.mode,
  clock: s.now,
  marketOpen: s.marketOpen,
  feed: toFeedDto(s.feedName, s.feed),
  chartInstrument: s.chartInstrument,
  ...(s.lastTickAt !== undefined ? { lastTickAt: s.lastTickAt } : {}),
  ...(s.storeFault ? { storeFault: { where: s.storeFault.where, message: s.storeFault.message, since: s.storeFault.since } } : {}),
});

export const toConnectionTestDto = (r: ConnectionTestResult): ConnectionTestDto => ({
  broker: r.broker,
  ...(r.analyzeMode !== undefined ? { analyzeMode: r.analyzeMode } : {}),
  availableCash: r.availableCash,
  usedMargin: r.usedMargin,
  m2m: r.m2m,
  latencyMs: r.latencyMs,
});

const istMinute = (ms: number): string => `${istDateKey(ms)} ${formatIstTime(ms).slice(0, 5)}`;

/** The listing with each series' first and last bar as IST text too, and how many series it left out. */
export const toHistoryListDto = (l: HistoryListing, limit: number): HistoryListDto => ({
  series: l.series.map((s) => ({ ...s, first: istMinute(s.firstTs), last: istMinute(s.lastTs) })),
  totalSeries: l.totalSeries,
  totalBars: l.totalBars,
  more: l.totalSeries - l.series.length,
  limit,
});
