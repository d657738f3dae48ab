import type { ClientOrderId, StructureId } from '#model/ids';
import type { TradingState } from '#risk/ports';
import type { StructureRecord } from '#store/structures-repository';
import type { Holdings } from './risk-portfolio.ts';

/** Who pressed it: the UI button or its shortcut, the local HTTP API, or a loss limit configured to flatten. */
export type KillSource = 'button' | 'shortcut' | 'bridge' | 'http-api' | 'risk-limit';

export interface KillReport {
  readonly source: KillSource;
  readonly tsStarted: number;
  readonly tsDone: number;
  readonly engineMs: number;
  readonly flat: boolean;
  readonly joined: boolean;
  readonly cancelled: number;
  readonly closeOrders: number;
  readonly structuresClosed: number;
  readonly botsStopped: readonly string[];
  readonly left: readonly { readonly botId?: string; readonly instrumentId: string; readonly netQuantity: number; readonly reason: string }[];
  readonly state: TradingState;
  readonly message: string;
}

/** What one press has done so far. */
export interface KillRun {
  readonly source: KillSource;
  readonly started: number;
  readonly botsStopped: string[];
  readonly cancelSent: Set<ClientOrderId>;
  readonly exited: Set<StructureId>;
  readonly retried: Set<StructureId>;
  /** Closing orders tried per bot, instrument and product (legKey). */
  readonly attempts: Map<string, number>;
  /** Why the last closing order for a position was refused. */
  readonly errors: Map<string, string>;
  cancelled: number;
  closeOrders: number;
}

export const legKey = (botId: string | undefined, instrumentId: string, product: string): string => `${botId ?? ''}|${instrumentId}|${product}`;

/** The report of a press: what was done, and every position still open with the reason it is. */
export function killReport(
  run: KillRun,
  at: { readonly flat: boolean; readonly working: boolean; readonly holdings: Holdings; readonly structures: readonly StructureRecord[]; readonly now: number; readonly state: TradingState },
): KillReport {
  const { flat, holdings: h, state } = at;
  const orphaned = new Set(at.structures.filter((s) => s.status === 'orphaned').map((s) => s.structureId as string));
  const left = [
    ...h.legs.map((l) => ({
      ...(l.botId !== undefined ? { botId: l.botId as string } : {}),
      instrumentId: l.instrument.id as string,
      netQuantity: l.netQuantity,
      reason:
        l.botId === undefined
          ? 'no bot owns it: close it at the broker'
          : l.structureId !== undefined && orphaned.has(l.structureId)
            ? `structure ${l.structureId} is orphaned: see its finding`
            : (run.errors.get(legKey(l.botId, l.instrument.id, l.product)) ?? 'still closing'),
    })),
    ...h.unknown.map((u) => ({ ...(u.botId !== undefined ? { botId: u.botId as string } : {}), instrumentId: u.instrumentId as string, netQuantity: u.netQuantity, reason: 'the terminal does not know this instrument: close it at the broker' })),
  ];
  const message = flat
    ? `flat: ${run.cancelled} order(s) cancelled, ${run.exited.size} structure(s) closed, ${run.closeOrders} closing order(s); trading is ${state}`
    : `not flat: ${left.length} position(s) left${at.working ? ', orders still working' : ''}; trading is ${state}. Press KILL again to retry`;
  return {
    source: run.source,
    tsStarted: run.started,
    tsDone: at.now,
    engineMs: at.now - run.started,
    flat,
    joined: false,
    cancelled: run.cancelled,
    closeOrders: run.closeOrders,
    structuresClosed: run.exited.size + run.retried.size,
    botsStopped: run.botsStopped,
    left,
    state,
    message,
  };
}
