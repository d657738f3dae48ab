import { z } from 'zod';
import { botStatsShape } from './bot-stats-dto.ts';

/**
 * Wire shapes the renderer sees. They are defined here, not imported from the engine, so the renderer
 * never pulls engine code in; `src-main/bridge/projections` maps domain objects onto them.
 */
export const timeframeSchema = z.enum(['1m', '3m', '5m', '15m', '30m', '60m', '1d']);
export const instrumentIdSchema = z.string().regex(/^[A-Z_]{2,12}:[A-Z0-9&_-]{1,40}$/, 'must be EXCHANGE:SYMBOL');
export const botIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be a lowercase bot id');

export const modeSchema = z.enum(['simulation', 'paper', 'live']);
export const feedStateSchema = z.enum(['idle', 'connecting', 'connected', 'stale', 'reconnecting', 'expired', 'stopped', 'error']);
export const botStateSchema = z.enum(['stopped', 'starting', 'running', 'paused', 'stopping', 'error']);

export const barDto = z.object({
  /** Bar start, epoch ms. */
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
  closed: z.boolean(),
});
export type BarDto = z.infer<typeof barDto>;

export const instrumentDto = z.object({
  id: instrumentIdSchema,
  symbol: z.string(),
  exchange: z.string(),
  kind: z.enum(['index', 'equity', 'future', 'option']),
});
export type InstrumentDto = z.infer<typeof instrumentDto>;

export const botDto = z.object({
  id: botIdSchema,
  kind: z.string(),
  name: z.string(),
  description: z.string(),
  state: botStateSchema,
  /** False while the bot's strategy is not part of this build. */
  available: z.boolean(),
  message: z.string().optional(),
  ...botStatsShape,
});
export type BotDto = z.infer<typeof botDto>;

/** Feed states after which the trader may ask for a reconnect (the UI shows the Reconnect button). */
export const RECONNECTABLE_FEED_STATES = ['expired', 'error', 'stale'] as const;

export const feedDto = z.object({
  name: z.string(),
  state: feedStateSchema,
  message: z.string().optional(),
  /** When the feed entered this state, epoch ms on the engine clock. */
  since: z.number().int().optional(),
});
export type FeedDto = z.infer<typeof feedDto>;

export const sessionDto = z.object({
  version: z.string(),
  mode: modeSchema,
  /** The engine clock (simulated in simulation mode), epoch ms. */
  clock: z.number().int(),
  marketOpen: z.boolean(),
  feed: feedDto,
  chartInstrument: instrumentIdSchema,
  /** Engine-clock time of the last market data tick; absent before the first. */
  lastTickAt: z.number().int().optional(),
  /** Writes the database is refusing now (another program holding it, a full disk): the latest's path and message, since when. */
  storeFault: z.object({ where: z.string().max(200), message: z.string().max(1000), since: z.number().int() }).strict().optional(),
});
export type SessionDto = z.infer<typeof sessionDto>;

const httpUrl = z.string().max(200).regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');
const wsUrl = z.string().max(200).regex(/^wss?:\/\/[^\s]+$/, 'must be a ws(s) URL');
const apiKey = z.string().min(8, 'looks too short for an OpenAlgo API key').max(256).regex(/^\S+$/, 'must not contain spaces');

export const connectionInput = z.object({ baseUrl: httpUrl.optional(), wsUrl: wsUrl.optional(), apiKey: apiKey.optional() }).strict();

export const connectionDto = z.object({
  baseUrl: z.string(),
  wsUrl: z.string(),
  hasApiKey: z.boolean(),
  /** Where the key is kept, for the user to read. */
  keyStorage: z.string(),
});
export type ConnectionDto = z.infer<typeof connectionDto>;

export const connectionTestDto = z.object({
  broker: z.string(),
  analyzeMode: z.boolean().optional(),
  availableCash: z.number(),
  usedMargin: z.number(),
  m2m: z.number(),
  latencyMs: z.number(),
});
export type ConnectionTestDto = z.infer<typeof connectionTestDto>;

export const bridgeErrorKind = z.enum(['invalid-input', 'unknown-channel', 'not-found', 'not-available', 'invalid-state', 'unavailable', 'internal', 'transport']);
export const bridgeErrorDto = z.object({
  kind: bridgeErrorKind,
  message: z.string(),
  /** The offending input field, for invalid-input. */
  path: z.string().optional(),
});
export type BridgeErrorDto = z.infer<typeof bridgeErrorDto>;

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorDto };
