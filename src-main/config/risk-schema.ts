import { z } from 'zod';

/**
 * The `risk` section of config.json: every limit the risk layer enforces (src-main/risk/README.md says
 * what each one means). Amounts are rupees, times IST. Each subsection has its own default, so a user
 * may write only the part they change, e.g. `"risk": { "dailyLoss": { "limit": 5000, … } }`.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour IST)');

const entryWindowSchema = z
  .object({ start: hhmm, end: hhmm })
  .strict()
  .refine((w) => w.start < w.end, 'start must be before end');

export const botLimitsSchema = z
  .object({
    /** Rupees this bot may tie up: margin of its short and futures legs plus premium paid for its long options. */
    capital: z.number().positive(),
    /** Open positions at once; a structure (all its legs) counts as one. */
    maxPositions: z.number().int().min(0),
    /** Gross open lots across all its legs (a 1-lot straddle is 2 lots). */
    maxLots: z.number().int().min(0),
    /** New entries only inside this IST window; exits are allowed at any time the market is open. null: the whole session. */
    entryWindow: entryWindowSchema.nullable(),
  })
  .strict();
export type BotLimits = z.infer<typeof botLimitsSchema>;

const lossLimitSchema = z
  .object({
    /** Rupees. */
    limit: z.number().positive(),
    /** Trading state entered on a breach: `reducing` (exits only) or `halted` (nothing). */
    action: z.enum(['reducing', 'halted']),
    /** Also ask the engine to flatten every position on a breach. */
    flatten: z.boolean(),
  })
  .strict();
export type LossLimit = z.infer<typeof lossLimitSchema>;

const DEFAULTS = {
  capital: 1_000_000,
  rate: 0.0525,
  dailyLoss: { limit: 20_000, action: 'reducing', flatten: false },
  dayDrawdown: { limit: 30_000, action: 'reducing', flatten: false },
  overallDrawdown: { limit: 100_000, action: 'halted', flatten: true },
  orderRate: { maxPerSecond: 10 },
  orderSize: { maxLotsPerOrder: 20 },
  priceBand: { optionPct: 30, optionMinRupees: 5, futurePct: 3, equityPct: 5, optionMarketSpreadPct: 2, optionMarketSpreadRupees: 0.5 },
  margin: { priceScanPct: 6, volScanPoints: 4, extremeMoveCover: 0.35, shortOptionMinimumPct: 1.5, exposurePct: 2, expiryDayExtraPct: 2 },
  greeks: { maxDeltaLots: 3, maxGammaLots: 2, maxVega: 10_000, maxTheta: 10_000 },
  shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 50_000 },
  stacking: { maxDeltaLots: 2, maxVega: 6_000 },
  var: { lookback: 250, minScenarios: 100, mcScenarios: 1000, seed: 20_260_323, intradayMinutes: 75, refreshSeconds: 300, limit: null },
  stress: { maxLoss: null },
  manual: { capital: 500_000, maxPositions: 10, maxLots: 20, entryWindow: null },
  defaultBot: { capital: 250_000, maxPositions: 1, maxLots: 4, entryWindow: { start: '09:30', end: '14:30' } },
  bots: {},
} as const;

export const riskConfigSchema = z
  .object({
    /** Account capital the limits are sized against; also the funds the margin estimate assumes when no broker reports any. */
    capital: z.number().positive().default(DEFAULTS.capital),
    /** Continuously compounded rate used in Black-76 (RBI repo 5.25 % from 5 Dec 2025). */
    rate: z.number().min(0).max(0.2).default(DEFAULTS.rate),
    /** Loss of the IST trading day (realised and marked-to-market, after charges). */
    dailyLoss: lossLimitSchema.default(DEFAULTS.dailyLoss),
    /** Fall from the day's best P&L. */
    dayDrawdown: lossLimitSchema.default(DEFAULTS.dayDrawdown),
    /** Fall from the best P&L ever recorded; not reset at the day boundary. */
    overallDrawdown: lossLimitSchema.default(DEFAULTS.overallDrawdown),
    orderRate: z
      .object({ maxPerSecond: z.number().int().min(1).max(10, 'SEBI treats more than 10 orders per second as a registered algo; the terminal stays at or under it') })
      .strict()
      .default(DEFAULTS.orderRate),
    orderSize: z.object({ maxLotsPerOrder: z.number().int().min(1) }).strict().default(DEFAULTS.orderSize),
    priceBand: z
      .object({
        /** Limit or trigger price at most this % away from the reference price… */
        optionPct: z.number().positive().max(100),
        /** …or this many rupees, whichever is wider (a ₹2 option moves 50 % in a breath). */
        optionMinRupees: z.number().min(0),
        futurePct: z.number().positive().max(50),
        equityPct: z.number().positive().max(50),
        /** A MARKET entry on an option is accepted only while its bid–ask spread is within this % of the mid… */
        optionMarketSpreadPct: z.number().min(0).max(100),
        /** …or within this many rupees. */
        optionMarketSpreadRupees: z.number().min(0),
      })
      .strict()
      .default(DEFAULTS.priceBand),
    margin: z
      .object({
        /** SPAN-like price scan range, % of the underlying. */
        priceScanPct: z.number().positive().max(50),
        /** Volatility scan range, IV points. */
        volScanPoints: z.number().min(0).max(50),
        /** Share of the extreme move (2× the scan range) counted, as SPAN's 35 %. */
        extremeMoveCover: z.number().min(0).max(1),
        /** Floor per short option, % of its underlying notional. */
        shortOptionMinimumPct: z.number().min(0).max(50),
        /** Exposure (extreme loss) margin on short options and futures, % of notional. */
        exposurePct: z.number().min(0).max(50),
        /** Extra exposure margin on short options on their expiry day, % of notional (SEBI, 20 Nov 2024). */
        expiryDayExtraPct: z.number().min(0).max(50),
      })
      .strict()
      .default(DEFAULTS.margin),
    greeks: z
      .object({
        /** Net delta per underlying, in futures-equivalent lots. */
        maxDeltaLots: z.number().positive(),
        /** Net gamma per underlying: change of that delta, in lots, for a 1 % move of the underlying. */
        maxGammaLots: z.number().positive(),
        /** Net vega of the whole book, rupees per IV point. */
        maxVega: z.number().positive(),
        /** Net theta of the whole book, rupees per calendar day. */
        maxTheta: z.number().positive(),
      })
      .strict()
      .default(DEFAULTS.greeks),
    shock: z
      .object({
        /** Spot moved by up to ±this % (every underlying together, and each alone)… */
        spotPct: z.number().positive().max(50),
        /** …and IV by ±this many points… */
        ivPoints: z.number().min(0).max(50),
        /** …in this many steps each side of zero… */
        spotSteps: z.number().int().min(1).max(20),
        /** …may lose at most this many rupees (full revaluation of every leg). */
        maxLoss: z.number().positive(),
      })
      .strict()
      .default(DEFAULTS.shock),
    stacking: z
      .object({
        /** Same-direction delta of two or more bots on one underlying, lots. */
        maxDeltaLots: z.number().positive(),
        /** Same-direction vega of two or more bots on one underlying, rupees per IV point. */
        maxVega: z.number().positive(),
      })
      .strict()
      .default(DEFAULTS.stacking),
    var: z
      .object({
        /** Historical VaR: the most recent daily moves of the stored underlying and India VIX history used. */
        lookback: z.number().int().min(20).max(5000),
        /** Fewer stored daily moves than this and historical VaR is not computed. */
        minScenarios: z.number().int().min(10),
        /** Monte Carlo draws from the simulator's return model… */
        mcScenarios: z.number().int().min(100).max(100_000),
        /** …from this seed, so a figure can be reproduced. */
        seed: z.number().int().min(0),
        /** The intraday horizon, minutes. */
        intradayMinutes: z.number().int().min(1).max(375),
        /** VaR is recomputed this often, and after every fill. */
        refreshSeconds: z.number().int().min(10),
        /**
         * Pre-trade limit on the book's one-day VaR (full revaluation) at `confidence` by `method`, rupees;
         * null: no limit. With a limit set and no VaR to judge by (too little history), entries are refused.
         */
        limit: z
          .object({ maxLoss: z.number().positive(), confidence: z.union([z.literal(0.95), z.literal(0.99)]), method: z.enum(['historical', 'monte-carlo']) })
          .strict()
          .nullable(),
      })
      .strict()
      .default(DEFAULTS.var),
    stress: z
      .object({
        /** Pre-trade limit: the book may lose at most this many rupees in any named stress scenario; null: no limit. */
        maxLoss: z.number().positive().nullable(),
      })
      .strict()
      .default(DEFAULTS.stress),
    /** Limits for the trader's own orders (no entry window: the trader chooses when). */
    manual: botLimitsSchema.default(DEFAULTS.manual),
    /** Limits for a bot not listed in `bots`. */
    defaultBot: botLimitsSchema.default(DEFAULTS.defaultBot),
    /** Per-bot limits by bot id. */
    bots: z.record(z.string().min(1), botLimitsSchema).default(DEFAULTS.bots),
  })
  .strict();

export type RiskConfig = z.infer<typeof riskConfigSchema>;

export const DEFAULT_RISK_CONFIG: RiskConfig = riskConfigSchema.parse({});
