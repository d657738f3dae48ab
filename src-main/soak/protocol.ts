import { z } from 'zod';

/**
 * What the soak runner and its engine process say to each other over Node's IPC channel. Both sides
 * parse what they receive: the engine process is killed at random points, so a message may be the
 * last thing it managed to say, and a bad one must read as a failure, not as a state.
 */

const option = z
  .object({
    id: z.string().min(1),
    symbol: z.string().min(1),
    strike: z.number().positive(),
    right: z.enum(['CE', 'PE']),
    expiry: z.number().int(),
    lotSize: z.number().int().positive(),
    tickSize: z.number().positive(),
  })
  .strict();
export type OptionSpec = z.infer<typeof option>;

const botLimits = z.object({ maxLots: z.number().int().positive(), maxPositions: z.number().int().positive() }).strict();

/** The engine process's start-up settings, passed as one JSON argument. */
export const engineSettingsSchema = z
  .object({
    dbFile: z.string().min(1),
    /** OpenAlgo host URL (the fault relay). */
    host: z.string().url(),
    wsUrl: z.string().min(1),
    apiKey: z.string().min(1),
    /** Tags ids; differs on every start of the process. */
    session: z.string().min(1),
    /** The simulator's clock shift: both sides read wall time plus this. */
    clockOffsetMs: z.number().int(),
    underlying: z.string().min(1),
    indexId: z.string().min(1),
    options: z.array(option).min(1),
    bots: z.record(z.string(), botLimits),
    maxOrdersPerSecond: z.number().int().min(1).max(10),
    /** Periodic reconciliation while trading. */
    reconcileEveryMs: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
    execution: z
      .object({ pollIntervalMs: z.number().positive(), unknownOutcomeWaitMs: z.number().positive(), requestConfirmWaitMs: z.number().positive(), retryDelayMs: z.number().nonnegative() })
      .strict(),
  })
  .strict();
export type EngineSettings = z.infer<typeof engineSettingsSchema>;

const leg = z
  .object({ instrumentId: z.string().min(1), side: z.enum(['BUY', 'SELL']), quantity: z.number().int().positive(), type: z.enum(['MARKET', 'LIMIT']), limitPrice: z.number().positive().optional() })
  .strict();
export type LegSpec = z.infer<typeof leg>;

const policy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('complete'), maxRetries: z.number().int().min(0), chaseStepTicks: z.number().int().min(0), chaseBandPct: z.number().min(0), legTimeoutMs: z.number().positive() }).strict(),
  z.object({ kind: z.literal('unwind'), legTimeoutMs: z.number().positive() }).strict(),
]);

export const toEngineSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('enter'), intentId: z.string().min(1), botId: z.string().min(1), structure: z.enum(['straddle', 'iron-condor']), legs: z.array(leg).min(1), policy })
    .strict(),
  z.object({ kind: z.literal('exit'), intentId: z.string().min(1), botId: z.string().min(1), structureId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('status') }).strict(),
  /** A reconciliation run now; answered with `reconciled`. */
  z.object({ kind: z.literal('reconcile') }).strict(),
  z.object({ kind: z.literal('stop') }).strict(),
]);
export type ToEngine = z.infer<typeof toEngineSchema>;

const structureState = z.object({ structureId: z.string(), botId: z.string(), status: z.string(), reason: z.string().optional() }).strict();
export type StructureState = z.infer<typeof structureState>;

export const engineStatusSchema = z
  .object({
    /** Nothing in flight: every structure settled and every order finished (or waiting on the trader). */
    quiet: z.boolean(),
    structures: z.array(structureState),
    /** Orders not yet finished, by status. */
    working: z.record(z.string(), z.number().int()),
    findings: z.array(z.object({ kind: z.string(), subject: z.string(), message: z.string() }).strict()),
    /** For a report when a run does not settle: each unsettled structure's legs and orders. */
    detail: z.array(z.string()),
  })
  .strict();
export type EngineStatus = z.infer<typeof engineStatusSchema>;

export const fromEngineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), findings: z.number().int() }).strict(),
  z.object({ kind: z.literal('submitted'), intentId: z.string(), ok: z.boolean(), error: z.string().optional() }).strict(),
  z.object({ kind: z.literal('status'), status: engineStatusSchema }).strict(),
  z.object({ kind: z.literal('reconciled'), ok: z.boolean(), open: z.number().int(), error: z.string().optional() }).strict(),
  z.object({ kind: z.literal('failed'), message: z.string() }).strict(),
]);
export type FromEngine = z.infer<typeof fromEngineSchema>;
