import { z } from 'zod';

/** What a bot row shows besides its lifecycle (its paper or live setting, capital, P&L today, book, last signal). */
export const regimeSchema = z.enum(['trending', 'ranging', 'volatile']);
export const executionSchema = z.enum(['paper', 'live']);

export const botLastSignalDto = z.object({
  tsEvent: z.number().int(),
  rule: z.string(),
  kind: z.enum(['entry', 'exit', 'adjustment']),
  decision: z.enum(['taken', 'filtered', 'refused']),
  reason: z.string(),
});

/** What a bot row shows besides its lifecycle: all optional, a bot not yet configured has none. */
export const botStatsShape = {
  execution: executionSchema.optional(),
  /** Rupees this bot may tie up. */
  allocation: z.number().optional(),
  /** Realised less charges plus marked-to-market since the session began, rupees. */
  pnlToday: z.number().optional(),
  openPositions: z.number().int().optional(),
  openStructures: z.number().int().optional(),
  regimes: z.array(regimeSchema).optional(),
  /** A parameter change waits for the bot's next evaluation with nothing in flight. */
  pendingParams: z.boolean().optional(),
  lastSignal: botLastSignalDto.optional(),
};
