import { describe, expect, it } from 'vitest';
import { positionSelection, selectionKey } from './payoff-selection.ts';

describe('payoff selections', () => {
  it('keys a structure, a position and the whole book apart; the portfolio whatever its underlying', () => {
    expect(selectionKey({ kind: 'structure', structureId: 's-1' })).toBe('structure|s-1');
    expect(selectionKey({ kind: 'position', botId: 'b', instrumentId: 'NFO:X', product: 'NRML' })).toBe('position|b|NFO:X|NRML');
    expect(selectionKey({ kind: 'portfolio', underlying: 'NIFTY' })).toBe(selectionKey({ kind: 'portfolio' }));
    expect(selectionKey(undefined)).toBe('');
  });

  it('offers a payoff for a bot’s position, not for one no bot owns (the engine values the book per bot)', () => {
    const p = { instrumentId: 'NFO:X', product: 'NRML' as const, netQuantity: 65, avgPrice: 10 };
    expect(positionSelection({ ...p, botId: 'b' })).toEqual({ kind: 'position', botId: 'b', instrumentId: 'NFO:X', product: 'NRML' });
    expect(positionSelection(p)).toBeUndefined();
  });
});
