import { z } from 'zod';
import { buyerPositionSchema } from '../buyers/buyer-position.ts';

/** The expander's state: its positions on every underlying, and the premium it has sent today. */
export const expanderStateSchema = z.strictObject({
  positions: z.array(buyerPositionSchema),
  /** Premium (rupees, at the entry limits) of today's entries, against the per-day cap; null before the first. */
  day: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), deployed: z.number().nonnegative() }).nullable(),
});
export type ExpanderState = z.infer<typeof expanderStateSchema>;

export const emptyExpanderState = (): ExpanderState => ({ positions: [], day: null });
