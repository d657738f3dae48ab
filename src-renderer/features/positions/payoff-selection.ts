import type { PositionDto } from '#contract/trading-dto';

/** What the payoff beside the positions is drawn for: a structure, one position, or the whole book on one underlying. */
export type PayoffSelection =
  | { readonly kind: 'structure'; readonly structureId: string }
  | { readonly kind: 'position'; readonly botId: string; readonly instrumentId: string; readonly product: PositionDto['product'] }
  /** Without an underlying the engine picks the first the book holds legs on. */
  | { readonly kind: 'portfolio'; readonly underlying?: string };

/** One string per selection, so a row knows whether it is the one selected. */
export function selectionKey(s: PayoffSelection | undefined): string {
  if (!s) return '';
  if (s.kind === 'structure') return `structure|${s.structureId}`;
  if (s.kind === 'position') return `position|${s.botId}|${s.instrumentId}|${s.product}`;
  return 'portfolio';
}

export const positionSelection = (p: PositionDto): PayoffSelection | undefined =>
  p.botId === undefined ? undefined : { kind: 'position', botId: p.botId, instrumentId: p.instrumentId, product: p.product };

/**
 * The payoff's refusal in the trader's words. A structure or position closed since it was picked holds
 * nothing to draw: that is said plainly (the old drawing goes), not as the engine's message with its ids.
 */
export function payoffProblem(s: PayoffSelection, e: { kind: string; message: string }): { text: string; nothingHeld: boolean } {
  if (e.kind !== 'not-found') return { text: e.message, nothingHeld: false };
  if (s.kind === 'structure') return { text: 'This structure holds no legs now (closed): nothing to draw.', nothingHeld: true };
  if (s.kind === 'position') return { text: 'This position is closed: nothing to draw.', nothingHeld: true };
  return { text: 'The book holds no legs to draw.', nothingHeld: true };
}
