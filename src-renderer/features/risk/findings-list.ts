import type { FindingDto } from '#contract/trading-dto';

/** A finding raised or resolved: open ones replace their row, resolved ones leave the list. */
export function applyFinding(list: readonly FindingDto[], f: FindingDto): FindingDto[] {
  const rest = list.filter((x) => x.findingId !== f.findingId);
  return f.status === 'open' ? [...rest, f].sort((a, b) => (a.severity === b.severity ? a.tsRaised - b.tsRaised : a.severity === 'critical' ? -1 : 1)) : rest;
}
