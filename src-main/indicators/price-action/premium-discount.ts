export const PdZone = { premium: 'premium', equilibrium: 'equilibrium', discount: 'discount' } as const;
export type PdZone = (typeof PdZone)[keyof typeof PdZone];

export interface PremiumDiscount {
  readonly zone: PdZone;
  /** Where price sits in the dealing range: 0 at the low, 1 at the high (may leave 0..1). */
  readonly position: number;
  readonly equilibrium: number;
}

/**
 * Premium / discount of the dealing range between the latest known swing high and swing low: above the
 * midpoint is premium (where a long is expensive), below is discount. `band` is the half-width of the
 * equilibrium band as a fraction of the range (0.05 = 45 %..55 %). Null when the range is empty.
 */
export function premiumDiscount(rangeHigh: number, rangeLow: number, price: number, band = 0.05): PremiumDiscount | null {
  const span = rangeHigh - rangeLow;
  if (!(span > 0)) return null;
  const position = (price - rangeLow) / span;
  const zone = position > 0.5 + band ? PdZone.premium : position < 0.5 - band ? PdZone.discount : PdZone.equilibrium;
  return { zone, position, equilibrium: rangeLow + span / 2 };
}
