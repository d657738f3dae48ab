import { z } from 'zod';
import { buyerPositionShape } from '../buyers/buyer-position.ts';

/** A momentum position: the buyers' shape, plus the stop chosen at entry and the signal's strength. */
export const riderPositionSchema = z.strictObject({
  ...buyerPositionShape,
  /** Stop as % of premium fixed at entry: the normal one, or the tighter one when ML confidence was high. */
  stopPct: z.number().positive().max(100),
  strength: z.number().min(0).max(1),
});
export type RiderPosition = z.infer<typeof riderPositionSchema>;

export const riderStateSchema = z.strictObject({ positions: z.array(riderPositionSchema) });
export type RiderState = z.infer<typeof riderStateSchema>;

export const emptyRiderState = (): RiderState => ({ positions: [] });
