import type { GreeksDto, PositionDto, PositionsDto, StructureDto } from '#contract/trading-dto';

export interface StructureGroup {
  readonly structure: StructureDto;
  /** The structure's legs as the book holds them (one row per instrument held). */
  readonly legs: readonly PositionDto[];
}

export interface BotGroup {
  /** Undefined: positions no bot owns (the trader's, or adopted at the broker). */
  readonly botId?: string;
  readonly structures: readonly StructureGroup[];
  /** Positions outside any structure. */
  readonly loose: readonly PositionDto[];
  /** Undefined when a leg has no mark. */
  readonly unrealizedPnl?: number;
  /** Undefined when a leg cannot be valued. */
  readonly greeks?: GreeksDto;
}

const addGreeks = (a: GreeksDto, b: GreeksDto): GreeksDto => ({ deltaLots: a.deltaLots + b.deltaLots, gammaLots: a.gammaLots + b.gammaLots, vega: a.vega + b.vega, theta: a.theta + b.theta });
const ZERO: GreeksDto = { deltaLots: 0, gammaLots: 0, vega: 0, theta: 0 };

/**
 * The book as the Positions panel lays it out: per bot (bots in name order, the unowned last), each
 * bot's open structures (in the engine's order, oldest first) with their legs in the structure's leg order,
 * then its loose positions by instrument; P&L and Greeks summed per bot only when every leg has them (a
 * partial sum would read as the whole). The order is the panel's own, not whatever order the engine's
 * books list positions in, so a row the trader is watching never moves under the pointer.
 */
export function groupPositions(view: PositionsDto): BotGroup[] {
  const bots = new Map<string, { structures: Map<string, StructureGroup>; loose: PositionDto[]; botId?: string }>();
  const keyOf = (botId: string | undefined) => botId ?? '\uffff';
  const groupOf = (botId: string | undefined) => {
    const k = keyOf(botId);
    let g = bots.get(k);
    if (!g) {
      g = { structures: new Map(), loose: [], ...(botId !== undefined ? { botId } : {}) };
      bots.set(k, g);
    }
    return g;
  };
  for (const s of view.structures) groupOf(s.botId).structures.set(s.structureId, { structure: s, legs: [] });
  for (const p of view.positions) {
    const g = groupOf(p.botId);
    const s = p.structureId !== undefined ? g.structures.get(p.structureId) : undefined;
    if (s) (s.legs as PositionDto[]).push(p);
    else g.loose.push(p);
  }
  for (const g of bots.values()) {
    for (const s of g.structures.values()) {
      const index = new Map(s.structure.legs.map((l) => [l.instrumentId, l.index]));
      (s.legs as PositionDto[]).sort((a, b) => (index.get(a.instrumentId) ?? Infinity) - (index.get(b.instrumentId) ?? Infinity));
    }
    g.loose.sort((a, b) => a.instrumentId.localeCompare(b.instrumentId) || a.product.localeCompare(b.product));
  }
  return [...bots.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => {
      const all = [...[...g.structures.values()].flatMap((s) => s.legs), ...g.loose];
      let pnl: number | undefined = 0;
      let greeks: GreeksDto | undefined = ZERO;
      for (const p of all) {
        pnl = pnl === undefined || p.unrealizedPnl === undefined ? undefined : pnl + p.unrealizedPnl;
        greeks = greeks === undefined || p.greeks === undefined ? undefined : addGreeks(greeks, p.greeks);
      }
      return {
        ...(g.botId !== undefined ? { botId: g.botId } : {}),
        structures: [...g.structures.values()],
        loose: g.loose,
        ...(pnl !== undefined ? { unrealizedPnl: pnl } : {}),
        ...(greeks !== undefined ? { greeks } : {}),
      };
    });
}

/** What closing asks the trader to confirm, in words, before anything is sent. */
export type CloseRequest =
  | { readonly kind: 'position'; readonly botId: string; readonly instrumentId: string; readonly product: PositionDto['product']; readonly netQuantity: number }
  | { readonly kind: 'structure'; readonly structureId: string; readonly botId: string; readonly legs: number; readonly kindName: string }
  | { readonly kind: 'leg'; readonly structureId: string; readonly kindName: string; readonly legIndex: number; readonly instrumentId: string; readonly side: 'BUY' | 'SELL'; readonly held: number };

/**
 * Why a leg of a structure cannot be closed on its own, or undefined when it can: only legs of an open
 * structure, and never a long leg while a short one is held (selling the hedge would leave the short naked).
 */
export function legCloseBlock(s: StructureDto, legIndex: number): string | undefined {
  const leg = s.legs.find((l) => l.index === legIndex);
  if (s.status !== 'open') return `the structure is ${s.status}: only a leg of an open structure is closed on its own`;
  if (!leg || leg.held === 0) return 'this leg holds nothing';
  if (leg.side === 'BUY' && s.legs.some((l) => l.side === 'SELL' && l.held !== 0)) return 'this long leg hedges a short leg still held: close the short first, or exit the structure';
  return undefined;
}

export function closeSummary(c: CloseRequest, label: (id: string) => string): string {
  if (c.kind === 'structure') return `Exit ${c.kindName} ${c.structureId} of ${c.botId} (${c.legs} legs) at market: short legs are bought back first, then the hedges sold.`;
  if (c.kind === 'leg') {
    const what = c.side === 'SELL' ? `Buy back ${c.held} ${label(c.instrumentId)} (a short leg)` : `Sell ${c.held} ${label(c.instrumentId)} (a long leg)`;
    return `${what} of ${c.kindName} ${c.structureId} at market. The structure stays open with its other legs, and says this leg was closed.`;
  }
  const side = c.netQuantity > 0 ? 'Sell' : 'Buy';
  return `${side} ${Math.abs(c.netQuantity)} ${label(c.instrumentId)} (${c.product}) at market to close ${c.botId}'s position.`;
}

/** The tail of a structure id: enough to tell structures apart in a row; the whole id is its tooltip. */
export const shortId = (id: string): string => (id.length > 12 ? `…${id.slice(-8)}` : id);
