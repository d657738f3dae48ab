import { z } from 'zod';

/**
 * Wire shapes of orders, fills, positions, risk, findings, the kill switch and live arming. Defined here,
 * not imported from the engine (the contract is a leaf); `src-main/bridge/projections` maps onto them.
 * Money is rupees, times are engine-clock epoch ms, quantities are units (not lots).
 */
export const tradingIdSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be an id of letters, digits and ._:@-');

const side = z.enum(['BUY', 'SELL']);
const ts = z.number().int();

export const orderStatusSchema = z.enum([
  'initialized',
  'denied',
  'submitted',
  'unknown',
  'accepted',
  'rejected',
  'triggered',
  'pending-update',
  'pending-cancel',
  'partially-filled',
  'filled',
  'cancelled',
  'expired',
]);

export const orderDto = z.object({
  clientOrderId: z.string(),
  brokerOrderId: z.string().optional(),
  intentId: z.string().optional(),
  botId: z.string().optional(),
  instrumentId: z.string(),
  side,
  type: z.enum(['MARKET', 'LIMIT', 'SL', 'SL-M']),
  product: z.enum(['MIS', 'NRML', 'CNC']),
  quantity: z.number().int(),
  limitPrice: z.number().optional(),
  triggerPrice: z.number().optional(),
  status: orderStatusSchema,
  filledQuantity: z.number(),
  avgFillPrice: z.number(),
  /** Why it was denied, rejected or cancelled. */
  reason: z.string().optional(),
  reduceOnly: z.boolean(),
  /** The structure leg it works, when it is one. */
  structure: z.object({ structureId: z.string(), legIndex: z.number().int(), role: z.enum(['entry', 'exit']) }).optional(),
  /** Placed by the kill switch. */
  killSwitch: z.boolean(),
  tsInit: ts,
  tsLast: ts,
  sentAt: ts.optional(),
});
export type OrderDto = z.infer<typeof orderDto>;

export const tradeDto = z.object({
  tradeId: z.string(),
  clientOrderId: z.string(),
  brokerOrderId: z.string().optional(),
  botId: z.string().optional(),
  instrumentId: z.string(),
  side,
  quantity: z.number(),
  price: z.number(),
  charges: z.number(),
  tsEvent: ts,
});
export type TradeDto = z.infer<typeof tradeDto>;

/** Risk Greeks: delta and gamma in futures-equivalent lots (gamma per 1 % of spot), vega ₹ per IV point, theta ₹ per day. */
export const greeksDto = z.object({ deltaLots: z.number(), gammaLots: z.number(), vega: z.number(), theta: z.number() });
export type GreeksDto = z.infer<typeof greeksDto>;

export const positionDto = z.object({
  botId: z.string().optional(),
  instrumentId: z.string(),
  product: z.enum(['MIS', 'NRML', 'CNC']),
  structureId: z.string().optional(),
  netQuantity: z.number(),
  avgPrice: z.number(),
  mark: z.number().optional(),
  unrealizedPnl: z.number().optional(),
  greeks: greeksDto.optional(),
});
export type PositionDto = z.infer<typeof positionDto>;

export const structureDto = z.object({
  structureId: z.string(),
  botId: z.string(),
  kind: z.string(),
  status: z.string(),
  product: z.enum(['MIS', 'NRML', 'CNC']),
  reason: z.string().optional(),
  marginBlocked: z.number(),
  legs: z.array(z.object({ index: z.number().int(), instrumentId: z.string(), side, quantity: z.number(), held: z.number() })),
  unrealizedPnl: z.number().optional(),
  greeks: greeksDto.optional(),
});
export type StructureDto = z.infer<typeof structureDto>;

export const positionsDto = z.object({
  ts,
  /** Open positions per bot, instrument and product; a structure's legs carry its id. */
  positions: z.array(positionDto),
  /** Structures not yet closed. */
  structures: z.array(structureDto),
  /** Realised P&L and charges of every fill since the book began. */
  realizedPnl: z.number(),
  charges: z.number(),
  unrealizedPnl: z.number().optional(),
  greeks: greeksDto.optional(),
  /** Why Greeks or marks are missing for some legs. */
  unvalued: z.string().optional(),
});
export type PositionsDto = z.infer<typeof positionsDto>;

export const tradingStateSchema = z.enum(['active', 'reducing', 'halted']);

export const limitUsageDto = z.object({
  check: z.string(),
  scope: z.string(),
  label: z.string(),
  unit: z.string(),
  used: z.number(),
  limit: z.number(),
  /** |used| ÷ limit × 100; null when the limit is 0 and something is used. */
  pct: z.number().nullable(),
});
export type LimitUsageDto = z.infer<typeof limitUsageDto>;

export const riskDto = z.object({
  ts,
  state: tradingStateSchema,
  cause: z.string().nullable(),
  since: ts,
  dayKey: z.string(),
  pnl: z.number(),
  dayPnl: z.number(),
  dayPeakPnl: z.number(),
  overallPeakPnl: z.number(),
  limits: z.array(limitUsageDto),
  unvalued: z.string().optional(),
});
export type RiskDto = z.infer<typeof riskDto>;

export const findingDto = z.object({
  findingId: z.string(),
  /** `execution`: the order manager's; `reconciliation`: a mismatch with the broker's books. */
  source: z.enum(['execution', 'reconciliation']),
  kind: z.string(),
  severity: z.enum(['warning', 'critical']),
  botId: z.string().optional(),
  subject: z.string(),
  message: z.string(),
  blocking: z.boolean(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().optional(),
  /** Repairs the trader may choose (reconciliation findings); `description` says every step it takes. */
  repairs: z.array(z.object({ id: z.string(), label: z.string(), description: z.string().optional() })).optional(),
  tsRaised: ts,
  tsResolved: ts.optional(),
});
export type FindingDto = z.infer<typeof findingDto>;

export const accountDto = z.object({
  /** The broker OpenAlgo is logged in to (its /ping). */
  broker: z.string(),
  /** The OpenAlgo server, host:port. */
  host: z.string(),
  availableCash: z.number().optional(),
});
export type AccountDto = z.infer<typeof accountDto>;

export const killReportDto = z.object({
  source: z.string(),
  tsStarted: ts,
  tsDone: ts,
  /** Engine-clock milliseconds from the press to flat (or to giving up). */
  engineMs: z.number(),
  flat: z.boolean(),
  /** Another press joined a kill already running. */
  joined: z.boolean(),
  cancelled: z.number().int(),
  closeOrders: z.number().int(),
  structuresClosed: z.number().int(),
  botsStopped: z.array(z.string()),
  /** What could not be closed, and why. */
  left: z.array(z.object({ botId: z.string().optional(), instrumentId: z.string(), netQuantity: z.number(), reason: z.string() })),
  state: tradingStateSchema,
  message: z.string(),
});
export type KillReportDto = z.infer<typeof killReportDto>;

export const tradingStatusDto = z.object({
  /** `paper`, `openalgo-analyzer` or `openalgo`. */
  broker: z.string(),
  /** Orders reach a real broker: they are refused until the trader arms. */
  liveOrders: z.boolean(),
  armed: z.boolean(),
  account: accountDto.optional(),
  armedAt: ts.optional(),
  /** IST date the arming is remembered for across restarts. */
  rememberedFor: z.string().optional(),
  /** The order manager has resumed and started: bots may run. */
  ready: z.boolean(),
  /** The kill switch is closing the book. */
  killing: z.boolean(),
  lastKill: killReportDto.optional(),
});
export type TradingStatusDto = z.infer<typeof tradingStatusDto>;

export const killInput = z.object({ source: z.enum(['button', 'shortcut']).optional() }).strict();
export const armInput = z
  .object({
    broker: z.string().min(1).max(64),
    host: z.string().min(1).max(200),
    /** Keep the arming across restarts until the end of this IST day. */
    rememberToday: z.boolean(),
  })
  .strict();
/** A switch to live at runtime: the arming travels with it (the account named, the confirmation word typed). */
export const goLiveInput = armInput.extend({ confirm: z.string().max(64) }).strict();
export const resolveUnknownInput = z
  .object({
    clientOrderId: tradingIdSchema,
    answer: z.discriminatedUnion('kind', [z.object({ kind: z.literal('placed'), brokerOrderId: tradingIdSchema }).strict(), z.object({ kind: z.literal('not-placed') }).strict()]),
  })
  .strict();
export const clearFindingInput = z.object({ findingId: tradingIdSchema, resolution: z.string().trim().min(1, 'say what you did about it').max(500) }).strict();
export const resumeInput = z.object({ reason: z.string().trim().min(1, 'say why trading may resume').max(500) }).strict();

const product = z.enum(['MIS', 'NRML', 'CNC']);
const price = z.number().positive().finite();

/** One step of an order's life from the engine's event log: what happened, when, and its facts. */
export const orderStepDto = z.object({ kind: z.string(), ts: z.number(), detail: z.string().optional() });
export type OrderStepDto = z.infer<typeof orderStepDto>;

/** What a close, cancel or modify became: the orders written for it. */
export const submitOutcomeDto = z.object({ orders: z.array(z.string()), structureId: z.string().optional() });
export type SubmitOutcomeDto = z.infer<typeof submitOutcomeDto>;

export const closePositionInput = z.object({ botId: tradingIdSchema, instrumentId: z.string().min(1).max(128), product }).strict();
export const structureInput = z.object({ structureId: tradingIdSchema }).strict();
export const structureLegInput = z.object({ structureId: tradingIdSchema, legIndex: z.number().int().min(0).max(15) }).strict();
export const cancelOrderInput = z.object({ clientOrderId: tradingIdSchema }).strict();
export const modifyOrderInput = z
  .object({ clientOrderId: tradingIdSchema, quantity: z.number().int().positive().optional(), limitPrice: price.optional(), triggerPrice: price.optional() })
  .strict()
  .refine((m) => m.quantity !== undefined || m.limitPrice !== undefined || m.triggerPrice !== undefined, { message: 'give a new quantity, limit price or trigger price' });
export const repairInput = z.object({ findingId: tradingIdSchema, repairId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be one of the repairs offered') }).strict();

/** P&L of a set of legs under each spot move (%) and IV shift (points): `pnl[i][j]` at `spotPcts[i]`, `ivPoints[j]`. */
export const shockTableDto = z.object({ spotPcts: z.array(z.number()), ivPoints: z.array(z.number()), pnl: z.array(z.array(z.number())) });
export type ShockTableDto = z.infer<typeof shockTableDto>;

/** A structure's payoff across spot at its nearest expiry and now (T+0, the engine's Black-76), with its shock table. */
export const payoffDto = z.object({
  structureId: z.string(),
  underlying: z.string(),
  spot: z.number(),
  points: z.array(z.object({ spot: z.number(), atExpiry: z.number(), now: z.number() })),
  breakevens: z.array(z.number()),
  shock: shockTableDto,
});
export type PayoffDto = z.infer<typeof payoffDto>;

/** A payoff for one position (a bot's instrument and product, in a structure or not) or for every leg of the book on one underlying. */
export const bookPayoffInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('position'), botId: tradingIdSchema, instrumentId: z.string().min(1).max(128), product }).strict(),
  // Without an underlying: the first the book holds legs on (the answer lists them all).
  z.object({ kind: z.literal('portfolio'), underlying: z.string().regex(/^[A-Z0-9&_-]{1,32}$/, 'must be an underlying such as NIFTY').optional() }).strict(),
]);
export const bookPayoffDto = payoffDto.omit({ structureId: true }).extend({ underlyings: z.array(z.string()) });
export type BookPayoffDto = z.infer<typeof bookPayoffDto>;
