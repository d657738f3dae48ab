import { z } from 'zod';
import { instrumentIdSchema, timeframeSchema } from './dto.ts';

/**
 * Wire shapes of the market screens: watchlist quotes, chart studies (indicators and price-action marks),
 * option chains, older history, and the trading-mode setting. Times are engine-clock epoch ms.
 */

/** The last trade of one instrument against the previous session's close. */
export const quoteDto = z.object({
  instrumentId: instrumentIdSchema,
  ltp: z.number(),
  /** Close of the previous session's daily bar; absent until one exists. */
  prevClose: z.number().optional(),
  bid: z.number().optional(),
  ask: z.number().optional(),
  /** Day volume as the exchange reports it, where the instrument has one. */
  volume: z.number().optional(),
  oi: z.number().optional(),
  tsEvent: z.number().int(),
});
export type QuoteDto = z.infer<typeof quoteDto>;

/** Option legs to follow besides the feed's own instruments (a watchlist's legs). */
export const quotesParams = z.object({ legs: z.array(instrumentIdSchema).max(40).optional() }).strict();

/**
 * Studies the chart can ask the engine for. They are computed in the engine by the same indicator code the
 * bots read, with the defaults named here, so a value on screen is the value a bot sees.
 */
export const studyIdSchema = z.enum(['ema20', 'ema50', 'vwap', 'bollinger', 'keltner', 'supertrend', 'rsi', 'macd', 'adx', 'price-action']);
export type StudyId = z.infer<typeof studyIdSchema>;

/** Output series of each study, as keys of `series` and `values` (price-action has marks, no series). */
export const STUDY_OUTPUTS: Readonly<Record<StudyId, readonly string[]>> = {
  ema20: ['ema20'],
  ema50: ['ema50'],
  vwap: ['vwap'],
  bollinger: ['bb.upper', 'bb.middle', 'bb.lower'],
  keltner: ['kc.upper', 'kc.middle', 'kc.lower'],
  supertrend: ['st.value', 'st.direction'],
  rsi: ['rsi'],
  macd: ['macd.macd', 'macd.signal', 'macd.histogram'],
  adx: ['adx.adx', 'adx.plusDi', 'adx.minusDi'],
  'price-action': [],
};

const side = z.enum(['bull', 'bear']);
/** Break of structure / change of character: the broken level, from the broken swing to the confirming close. */
const structureMark = z.object({ kind: z.enum(['bos', 'choch']), side, level: z.number(), from: z.number().int(), to: z.number().int() });
/** An order block or a fair value gap: a price zone from its bar until mitigated (`to`), or still open. */
const zoneMark = z.object({ kind: z.enum(['order-block', 'fvg']), side, top: z.number(), bottom: z.number(), from: z.number().int(), to: z.number().int().optional() });
export const priceActionMarkDto = z.discriminatedUnion('kind', [structureMark, zoneMark]);
export type PriceActionMarkDto = z.infer<typeof priceActionMarkDto>;

/** `null` where a study is still warming up. */
const studyValue = z.number().nullable();

export const studiesSnapshotDto = z.object({
  /** Bar start times the series are aligned with (the bars stream's snapshot, forming bar last). */
  times: z.array(z.number().int()),
  series: z.record(z.string(), z.array(studyValue)),
  marks: z.array(priceActionMarkDto),
});
export type StudiesSnapshotDto = z.infer<typeof studiesSnapshotDto>;

export const studiesDeltaDto = z.object({
  time: z.number().int(),
  values: z.record(z.string(), studyValue),
  /** Every mark, when a closed bar changed them. */
  marks: z.array(priceActionMarkDto).optional(),
});
export type StudiesDeltaDto = z.infer<typeof studiesDeltaDto>;

export const studiesParams = z
  .object({ instrumentId: instrumentIdSchema, timeframe: timeframeSchema, studies: z.array(studyIdSchema).max(10) })
  .strict();

export const chainUnderlyingSchema = z.enum(['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX']);
const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const chainLegDto = z.object({
  instrumentId: z.string(),
  ltp: z.number(),
  bid: z.number(),
  ask: z.number(),
  /** Decimal (0.15 = 15 %). */
  iv: z.number().optional(),
  delta: z.number().optional(),
  oi: z.number(),
  /** OI now less the first OI the terminal saw for this leg today. */
  oiChange: z.number().optional(),
});
export type ChainLegDto = z.infer<typeof chainLegDto>;

export const chainDto = z.object({
  underlying: chainUnderlyingSchema,
  /** Expiries with quotes, nearest first. */
  expiries: z.array(dateKey),
  expiry: dateKey.optional(),
  expiryTs: z.number().int().optional(),
  ts: z.number().int(),
  spot: z.number().optional(),
  forward: z.number().optional(),
  atmStrike: z.number().optional(),
  lotSize: z.number().optional(),
  /** IV of the at-the-money strike (mean of its legs), decimal. */
  atmIv: z.number().optional(),
  /** One standard deviation to expiry: forward × ATM IV × √T. */
  expectedMove: z.number().optional(),
  rows: z.array(z.object({ strike: z.number(), ce: chainLegDto.optional(), pe: chainLegDto.optional() })),
  /** Why there are no rows. */
  message: z.string().optional(),
});
export type ChainDto = z.infer<typeof chainDto>;

/** The most strikes each side of the money one chain subscription may ask for. */
export const CHAIN_MAX_STRIKES_EACH_SIDE = 40;

export const chainParams = z
  .object({ underlying: chainUnderlyingSchema, expiry: dateKey.optional(), strikesEachSide: z.number().int().min(1).max(CHAIN_MAX_STRIKES_EACH_SIDE).optional() })
  .strict();

export const historyInput = z
  .object({
    instrumentId: instrumentIdSchema,
    timeframe: timeframeSchema,
    /** Bars that started before this instant, epoch ms. */
    before: z.number().int(),
    count: z.number().int().min(1).max(5000),
  })
  .strict();

/** Modes the settings screen may switch to; live is reached only through the arming step. */
export const settableModeSchema = z.enum(['simulation', 'paper']);

export const settingsDto = z.object({
  /** The mode this run trades in. */
  mode: z.enum(['simulation', 'paper', 'live']),
  /** The mode saved in config.json, used from the next start. */
  savedMode: z.enum(['simulation', 'paper', 'live']),
  /** An OpenAlgo key is saved: paper mode can start. */
  paperReady: z.boolean(),
  /** Where the settings are kept, for the user to read. */
  configFile: z.string(),
  /** The data folder: config, database, logs. */
  dataDir: z.string().optional(),
});
export type SettingsDto = z.infer<typeof settingsDto>;
