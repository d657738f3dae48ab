import { describe, expect, it } from 'vitest';
import type { PositionDto, PositionsDto, StructureDto } from '#contract/trading-dto';
import { closeSummary, groupPositions, legCloseBlock, shortId } from './position-groups.ts';

const g = (d: number) => ({ deltaLots: d, gammaLots: 0.1, vega: -100, theta: 50 });
const pos = (botId: string | undefined, id: string, qty: number, structureId?: string, pnl: number | null = 100): PositionDto => ({
  ...(botId ? { botId } : {}),
  instrumentId: id,
  product: 'NRML',
  ...(structureId ? { structureId } : {}),
  netQuantity: qty,
  avgPrice: 100,
  mark: 90,
  ...(pnl !== null ? { unrealizedPnl: pnl, greeks: g(qty > 0 ? 0.5 : -0.5) } : {}),
});
const structure = (id: string, botId: string): StructureDto => ({
  structureId: id,
  botId,
  kind: 'straddle',
  status: 'open',
  product: 'NRML',
  marginBlocked: 1,
  legs: [
    { index: 0, instrumentId: 'NFO:CE', side: 'SELL', quantity: 65, held: 65 },
    { index: 1, instrumentId: 'NFO:PE', side: 'SELL', quantity: 65, held: 65 },
  ],
});
const view = (positions: PositionDto[], structures: StructureDto[]): PositionsDto => ({ ts: 1, positions, structures, realizedPnl: 0, charges: 0 });

describe('positions grouped for the panel', () => {
  it('puts each structure leg under its structure, loose positions apart, bots in order and the unowned last', () => {
    const groups = groupPositions(
      view(
        [pos('short-straddle', 'NFO:CE', -65, 's1'), pos(undefined, 'NFO:X', 50), pos('short-straddle', 'NFO:PE', -65, 's1'), pos('momentum-rider', 'NFO:FUT', 65), pos('short-straddle', 'NFO:Y', 65)],
        [structure('s1', 'short-straddle')],
      ),
    );
    expect(groups.map((x) => x.botId)).toEqual(['momentum-rider', 'short-straddle', undefined]);
    const straddle = groups[1]!;
    expect(straddle.structures.map((s) => [s.structure.structureId, s.legs.map((l) => l.instrumentId)])).toEqual([['s1', ['NFO:CE', 'NFO:PE']]]);
    expect(straddle.loose.map((l) => l.instrumentId)).toEqual(['NFO:Y']);
    expect(straddle.unrealizedPnl).toBe(300);
    expect(straddle.greeks!.deltaLots).toBeCloseTo(-0.5, 12);
  });

  it('keeps every row in place however the engine orders the book: legs by the structure, loose by instrument', () => {
    const book = [pos('short-straddle', 'NFO:PE', -65, 's1'), pos('short-straddle', 'NFO:Z', 65), pos('short-straddle', 'NFO:CE', -65, 's1'), pos('short-straddle', 'NFO:Y', 65)];
    for (const positions of [book, [...book].reverse()]) {
      const [straddle] = groupPositions(view(positions, [structure('s1', 'short-straddle')]));
      expect(straddle!.structures[0]!.legs.map((l) => l.instrumentId)).toEqual(['NFO:CE', 'NFO:PE']);
      expect(straddle!.loose.map((l) => l.instrumentId)).toEqual(['NFO:Y', 'NFO:Z']);
    }
  });

  it('leaves a bot total out when one leg has no mark, rather than show a partial sum', () => {
    const [only] = groupPositions(view([pos('a', 'NFO:CE', 65), pos('a', 'NFO:PE', 65, undefined, null)], []));
    expect(only!.unrealizedPnl).toBeUndefined();
    expect(only!.greeks).toBeUndefined();
  });

  it('keeps a structure with nothing held yet (entering) visible', () => {
    const [only] = groupPositions(view([], [structure('s2', 'iron-condor')]));
    expect(only!.structures[0]!.legs).toEqual([]);
  });

  it('shortens a long structure id to its tail', () => {
    expect(shortId('bint-mx2tqeao-0-c0b49bdf')).toBe('…c0b49bdf');
    expect(shortId('condor-1')).toBe('condor-1');
  });

  it('says exactly what a close will send', () => {
    const label = (id: string) => id.slice(4);
    expect(closeSummary({ kind: 'position', botId: 'a', instrumentId: 'NFO:CE', product: 'NRML', netQuantity: -130 }, label)).toBe("Buy 130 CE (NRML) at market to close a's position.");
    expect(closeSummary({ kind: 'structure', structureId: 's1', botId: 'a', legs: 4, kindName: 'iron-condor' }, label)).toContain('short legs are bought back first');
    expect(closeSummary({ kind: 'leg', structureId: 's1', kindName: 'iron-condor', legIndex: 2, instrumentId: 'NFO:CE', side: 'SELL', held: 65 }, label)).toBe(
      'Buy back 65 CE (a short leg) of iron-condor s1 at market. The structure stays open with its other legs, and says this leg was closed.',
    );
  });

  it('offers to close a leg on its own only where the engine allows it: never a hedge while a short is held', () => {
    const condor = {
      structureId: 's1',
      botId: 'a',
      kind: 'iron-condor',
      status: 'open',
      product: 'NRML' as const,
      marginBlocked: 0,
      legs: [
        { index: 0, instrumentId: 'NFO:P1', side: 'BUY' as const, quantity: 65, held: 65 },
        { index: 1, instrumentId: 'NFO:P2', side: 'SELL' as const, quantity: 65, held: 65 },
      ],
    };
    expect(legCloseBlock(condor, 1)).toBeUndefined();
    expect(legCloseBlock(condor, 0)).toContain('hedges a short leg still held');
    const shortClosed = { ...condor, legs: [condor.legs[0]!, { ...condor.legs[1]!, held: 0 }] };
    expect(legCloseBlock(shortClosed, 0)).toBeUndefined();
    expect(legCloseBlock(shortClosed, 1)).toBe('this leg holds nothing');
    expect(legCloseBlock({ ...condor, status: 'exiting' }, 1)).toContain('the structure is exiting');
  });
});
