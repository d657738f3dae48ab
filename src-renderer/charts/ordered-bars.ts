import type { BarDto } from '#contract/dto';

/**
 * Bars as the chart library needs them: strictly ascending times. A feed whose clock runs behind the
 * engine's can send a forming bar with the same start as the last closed one; the later bar wins, and a
 * bar older than the one before it is dropped rather than breaking the whole chart.
 */
export function orderedBars(bars: readonly BarDto[]): BarDto[] {
  const out: BarDto[] = [];
  for (const b of bars) {
    const last = out[out.length - 1];
    if (last && b.time < last.time) continue;
    if (last && b.time === last.time) out[out.length - 1] = b;
    else out.push(b);
  }
  return out;
}
