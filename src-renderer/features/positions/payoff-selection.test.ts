import { describe, expect, it } from 'vitest';
import { payoffProblem, positionSelection, selectionKey } from './payoff-selection.ts';

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

  it('says a closed structure has nothing to draw, without the engine’s ids; other refusals pass through', () => {
    const gone = { kind: 'not-found', message: 'structure bint-mx2shdxc-0-88ecab80 holds no legs' };
    expect(payoffProblem({ kind: 'structure', structureId: 'bint-mx2shdxc-0-88ecab80' }, gone)).toEqual({ text: 'This structure holds no legs now (closed): nothing to draw.', nothingHeld: true });
    expect(payoffProblem({ kind: 'position', botId: 'b', instrumentId: 'NFO:X', product: 'NRML' }, gone).text).toBe('This position is closed: nothing to draw.');
    expect(payoffProblem({ kind: 'structure', structureId: 's' }, { kind: 'unavailable', message: 'No price for NFO:X yet.' })).toEqual({ text: 'No price for NFO:X yet.', nothingHeld: false });
  });
});
