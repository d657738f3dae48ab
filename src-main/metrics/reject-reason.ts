/** Distinct reason labels kept before the rest are counted as `other`: Prometheus series are not free. */
export const MAX_REASON_LABELS = 24;

/**
 * A rejection's reason as a label of bounded cardinality: the part before the first colon (the detail
 * after it names prices, quantities and symbols), lowercase, digits folded to `#`, at most 48 characters.
 */
export function reasonLabel(reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') return 'unspecified';
  const head = reason.split(':', 1)[0]!;
  const label = head
    .toLowerCase()
    .replace(/[0-9]+(?:\.[0-9]+)?/g, '#')
    .replace(/[^a-z# _-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 48)
    .trim();
  return label === '' ? 'unspecified' : label;
}

/** Hands out reason labels, and `other` once `max` distinct ones are in use. */
export class ReasonLabels {
  private readonly seen = new Set<string>();
  private readonly max: number;

  constructor(max = MAX_REASON_LABELS) {
    this.max = max;
  }

  label(reason: string | undefined): string {
    const label = reasonLabel(reason);
    if (this.seen.has(label)) return label;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(label);
    return label;
  }
}
