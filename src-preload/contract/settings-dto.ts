import { z } from 'zod';

/**
 * Wire shapes of the settings screen beyond the mode: the risk limits (the `risk` section of config.json)
 * and the data jobs (CSV import, history download). The limits travel as the config's own JSON; the engine
 * checks a change against the config schema, so the contract does not repeat it.
 */
const json = z.record(z.string(), z.unknown());

export const riskSettingsDto = z.object({
  /** The limits this run enforces (read at start). */
  inForce: json,
  /** The limits saved in config.json, used from the next start. */
  saved: json,
  configFile: z.string(),
});
export type RiskSettingsDto = z.infer<typeof riskSettingsDto>;

/** A change to the saved limits: nested objects merge over the saved ones, e.g. `{ dailyLoss: { limit: 15000 } }`. */
export const riskPatchInput = z.object({ patch: json }).strict();

const instrumentId = z.string().regex(/^[A-Z_]{2,12}:[A-Z0-9&_-]{1,40}$/, 'must be EXCHANGE:SYMBOL');
const timeframe = z.enum(['1m', '3m', '5m', '15m', '30m', '60m', '1d']);

/** A CSV import or a history download, as it runs and when it ended. */
export const dataJobDto = z.object({
  id: z.string(),
  kind: z.enum(['csv-import', 'history']),
  state: z.enum(['running', 'done', 'failed']),
  title: z.string(),
  /** 0..1. */
  progress: z.number(),
  detail: z.string(),
  problems: z.array(z.string()),
});
export type DataJobDto = z.infer<typeof dataJobDto>;

/** A .csv file or a folder of them on the machine the engine runs on; OHLCV files say what they hold (never guessed). */
export const csvImportInput = z.discriminatedUnion('format', [
  z
    .object({
      format: z.literal('ohlcv'),
      path: z.string().trim().min(1, 'give the file or folder to import').max(1000),
      instrumentId,
      timeframe,
      timezone: z.enum(['IST', 'UTC']),
      stamp: z.enum(['start', 'end']),
    })
    .strict(),
  z.object({ format: z.literal('nse-fo-bhavcopy'), path: z.string().trim().min(1, 'give the file or folder to import').max(1000) }).strict(),
]);

export const historyDownloadInput = z
  .object({
    instrumentIds: z.array(instrumentId).min(1).max(20),
    timeframe: z.enum(['1m', '1d']),
    /** Calendar days back, today included (OpenAlgo keeps about 30 days of 1-minute bars). */
    days: z.number().int().min(1).max(3650),
  })
  .strict();
