import type { PriceActionReading } from '../contract/context.ts';
import { available, notAvailable, type SourceView } from './source.ts';

/**
 * The price-action composite as a source (strategies.md: structure 25 %, order blocks 28 %, FVG 15 %,
 * liquidity 22 %, patterns 10 %). It acts only at strength ≥ 65 with reward/risk ≥ 1.5: below that it
 * reports its lean as neutral, keeping the strength in the detail.
 */
export function priceActionSource(reading: PriceActionReading | undefined): SourceView {
  if (!reading) return notAvailable('priceAction', 'price action still warming up');
  const c = reading.composite;
  const rr = c.rewardRisk === null ? 'n/a' : c.rewardRisk.toFixed(2);
  const detail = `composite ${c.direction} ${c.strength.toFixed(0)}/100, reward/risk ${rr}`;
  if (!c.actionable) return available('priceAction', 'neutral', c.strength / 100, `${detail}: below the action threshold`);
  return available('priceAction', c.direction, c.strength / 100, detail);
}
