import type { z } from 'zod';
import type { timeframeSchema } from '#contract/dto';

export type TimeframeDto = z.infer<typeof timeframeSchema>;
