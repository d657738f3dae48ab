import type { Signal, SignalDecision } from '#model/signal';
import type { BotState } from '#bots/bot-fsm';
import type { BotDescriptor } from '#bots/catalog';
import { describeParams, type ParamSpec } from '#bots/contract/params';
import type { Regime } from '#bots/signals/regime';
import type { BotRunner } from './bot-runner.ts';

/** Why a bot command was refused, in the kinds the bridge passes through. */
export interface BotError {
  readonly kind: 'not-found' | 'not-available' | 'invalid-state' | 'invalid-input';
  readonly message: string;
}

export interface BotLastSignal {
  readonly tsEvent: number;
  readonly rule: string;
  readonly kind: Signal['kind'];
  readonly decision: SignalDecision['kind'];
  readonly reason: string;
}

/** A bot as the trader sees it: lifecycle, where its orders go, its capital, P&L today and book, its last signal. */
export interface BotInfo extends BotDescriptor {
  readonly state: BotState;
  readonly available: boolean;
  /** Why it is in error, or why it cannot start. */
  readonly message?: string;
  readonly execution?: 'paper' | 'live';
  readonly allocation?: number;
  /** Realised less charges plus marked-to-market since the session began, rupees. */
  readonly pnlToday?: number;
  readonly openPositions?: number;
  readonly openStructures?: number;
  readonly regimes?: readonly Regime[];
  /** A parameter change is waiting for the next evaluation with nothing in flight. */
  readonly pendingParams?: boolean;
  readonly lastSignal?: BotLastSignal;
}

/** A bot's parameters for the editor: each field's metadata, the values in force, and what waits to apply. */
export interface BotParamsView {
  readonly botId: string;
  readonly kind: string;
  readonly fields: readonly ParamSpec[];
  readonly values: Readonly<Record<string, unknown>>;
  readonly pending?: Readonly<Record<string, unknown>>;
  readonly allocation: number;
  /** The most risk allows this bot (`risk.bots.<id>.capital`). */
  readonly maxAllocation: number;
  readonly execution: 'paper' | 'live';
  readonly regimes: readonly Regime[];
  /** The sizing policy (risk/sizing/policy.ts), when one is set. */
  readonly sizing?: Readonly<Record<string, unknown>>;
}

export interface BotStats {
  readonly pnlToday?: number;
  readonly openPositions: number;
  readonly openStructures: number;
}

export function botInfo(r: BotRunner, stats: BotStats): BotInfo {
  const s = r.lastSignal;
  return {
    ...r.descriptor,
    state: r.lifecycle,
    available: true,
    ...(r.fault ? { message: r.fault } : {}),
    execution: r.settings.execution,
    allocation: r.settings.allocation,
    ...(stats.pnlToday !== undefined ? { pnlToday: Math.round(stats.pnlToday * 100) / 100 } : {}),
    openPositions: stats.openPositions,
    openStructures: stats.openStructures,
    regimes: r.settings.regimes,
    pendingParams: r.pending !== undefined,
    ...(s ? { lastSignal: { tsEvent: s.tsEvent, rule: s.rule, kind: s.kind, decision: s.decision.kind, reason: s.decision.reason } } : {}),
  };
}

export function paramsView(r: BotRunner, maxAllocation: number): BotParamsView {
  return {
    botId: r.botId,
    kind: r.kind,
    fields: describeParams(r.def.params),
    values: r.settings.params,
    ...(r.pending ? { pending: r.pending.params } : {}),
    allocation: r.settings.allocation,
    maxAllocation,
    execution: r.settings.execution,
    regimes: r.settings.regimes,
    ...(r.settings.sizing ? { sizing: r.settings.sizing } : {}),
  };
}
