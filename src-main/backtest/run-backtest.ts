import type { Unsubscribe } from '#core/bus';
import { istDateKey } from '#core/time-ist';
import { err, ok, type Result } from '#core/result';
import type { Fill } from '#model/fill';
import type { InstrumentId } from '#model/ids';
import type { Signal } from '#model/signal';
import { indexInstrument, UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { openBacktestEngine, type BacktestEngine } from './backtest-engine.ts';
import { assembleResult, type DayMark } from './assemble.ts';
import { fillDecisions, type Decision } from './fill-decisions.ts';
import { playSession, settle } from './play-session.ts';
import { tradingSessions } from './trading-days.ts';
import { backtestRequestSchema, type BacktestDeps, type BacktestError, type BacktestProgress, type BacktestRequest, type BacktestRequestInput, type BacktestResult, type BotResult } from './types.ts';

/**
 * Runs a backtest: the live engine (same bots, order path and risk) on a simulated clock, the seeded
 * simulator or the history cache as its feed, and the paper broker with the request's fill model.
 *
 * Event order, the same on every run: the clock moves from one pending timer to the next (and stops at
 * every minute boundary) through each session and jumps from a close to the next open; at an instant its
 * timers fire first in, first out (SimClock), the feed's ticks for the instant come in a fixed instrument
 * order (the simulator's own; a replay's order of subscription), bars close on the clock at their end, bots
 * are evaluated in the manager's order, and every promise the order path left pending settles before the
 * clock moves on. Nothing reads wall time: the same request gives byte-identical results.
 */
export async function runBacktest(
  input: BacktestRequestInput,
  deps: BacktestDeps = {},
  onProgress?: (p: BacktestProgress) => void,
  signal?: AbortSignal,
): Promise<Result<BacktestResult, BacktestError>> {
  const parsed = backtestRequestSchema.safeParse(input);
  if (!parsed.success) return err({ kind: 'invalid-request', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ') });
  const request = parsed.data;
  const sessions = tradingSessions(request.from, request.to);
  if (sessions.length === 0) return err({ kind: 'no-data', message: `no NSE trading session between ${request.from} and ${request.to} (weekends and holidays only)` });
  const opened = await openBacktestEngine(request, sessions, { ...(deps.workDir !== undefined ? { workDir: deps.workDir } : {}), ...(deps.logger ? { logger: deps.logger } : {}), ...(deps.botDefinitions ? { botDefinitions: deps.botDefinitions } : {}), ...(deps.models ? { models: deps.models } : {}) });
  if (!opened.ok) return opened;
  const bt = opened.value;
  try {
    return await play(bt, request, sessions, onProgress, signal);
  } catch (e) {
    return err({ kind: 'engine', message: `the engine failed during the backtest: ${e instanceof Error ? e.message : String(e)}` });
  } finally {
    await bt.close();
  }
}

async function play(bt: BacktestEngine, request: BacktestRequest, sessions: ReturnType<typeof tradingSessions>, onProgress: ((p: BacktestProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<Result<BacktestResult, BacktestError>> {
  const { engine } = bt;
  for (const w of bt.warmup) {
    if (!(await playSession(bt.clock, w, () => undefined, signal))) return err({ kind: 'aborted', message: `stopped in the warm-up (${w.dateKey}) on request` });
  }
  await settle();
  for (const b of request.bots) {
    const set = engine.setBotParams(b.id, { params: b.params });
    if (!set.ok) return err({ kind: 'invalid-request', message: `${b.id}: ${set.error.message}` });
    const started = engine.startBot(b.id);
    if (!started.ok) return err({ kind: 'engine', message: `${b.id} did not start: ${started.error.message}` });
  }
  const botIds = request.bots.map((b) => b.id as string);
  // Net quantity per bot and instrument, and per bot how many of those are not flat: asked every minute,
  // while the instruments a bot ever traded pile up over a long run.
  const held = new Map<string, number>();
  const openLegs = new Map<string, number>();
  const fills: Fill[] = [];
  const offFill: Unsubscribe = engine.events.subscribe('fill', (f) => {
    fills.push(f);
    const owner = engine.trading.ownerOf(f.clientOrderId) ?? '';
    const key = `${owner}\u0000${f.instrumentId}`;
    const before = held.get(key) ?? 0;
    const after = before + (f.side === 'BUY' ? f.quantity : -f.quantity);
    held.set(key, after);
    if ((before === 0) !== (after === 0)) openLegs.set(owner, (openLegs.get(owner) ?? 0) + (after === 0 ? -1 : 1));
  });
  const underlyings = new Set<InstrumentId>(UNDERLYINGS.filter((u) => (request.underlyings as readonly string[]).includes(u.name)).map((u) => indexInstrument(u).id));
  let bars = 0;
  let counting = false;
  const offBar: Unsubscribe = engine.events.subscribe('bar', (b) => {
    if (counting && b.timeframe === '1m' && underlyings.has(b.instrumentId)) bars++;
  });
  // The taken signals as the engine streams them (an amended one again under its id, in its place): the
  // store holds every signal, and reading them all back at the end took longer than the fills' decisions.
  const taken = new Map<string, Signal>();
  const offSignal: Unsubscribe = engine.events.subscribe('signal', (sig) => {
    if (sig.decision.kind === 'taken') taken.set(sig.id, sig);
    else taken.delete(sig.id);
  });
  const exposed = new Map<string, number>(botIds.map((id) => [id, 0]));
  let portfolioExposed = 0;
  let minutes = 0;
  const marks: DayMark[] = [];
  try {
    for (const [i, s] of sessions.entries()) {
      counting = true;
      const played = await playSession(bt.clock, s, (now) => {
        minutes++;
        let any = false;
        for (const id of botIds) {
          if ((openLegs.get(id) ?? 0) > 0) {
            exposed.set(id, exposed.get(id)! + 1);
            any = true;
          }
        }
        if (any) portfolioExposed++;
        if (onProgress && now % (15 * 60_000) === 0) onProgress({ daysDone: i, daysTotal: sessions.length, day: s.dateKey, fraction: (i + (now - s.open) / (s.close - s.open)) / sessions.length });
      }, signal);
      if (!played) return err({ kind: 'aborted', message: `stopped at ${s.dateKey} on request` });
      counting = false;
      const view = engine.trading.positions();
      const mark = new Map<string, number>();
      for (const p of view.positions) if (p.mark !== undefined) mark.set(p.instrumentId, p.mark);
      marks.push({ ts: s.close, day: s.dateKey, marks: mark, fills: fills.length });
      onProgress?.({ daysDone: i + 1, daysTotal: sessions.length, day: s.dateKey, fraction: (i + 1) / sessions.length });
    }
  } finally {
    offFill();
    offBar();
    offSignal();
  }
  const days = sessions.map((s) => s.dateKey);
  // A bot that faulted evaluates nothing more: the result says so, or its quiet rest of the run reads as
  // caution. Read from the audit log at the end: a subscriber to the bots' views would have the engine
  // build and publish them at every instant.
  const faults = new Map<string, NonNullable<BotResult['fault']>>();
  for (const [botId, f] of bt.faults()) faults.set(botId, { ts: f.ts, day: istDateKey(f.ts), message: f.message });
  return ok({
    ...assembleResult({
      request,
      config: bt.config,
      startTs: sessions[0]!.open,
      days,
      bars,
      fills,
      marks,
      ownerOf: (f) => engine.trading.ownerOf(f.clientOrderId) ?? '',
      decisionOf: decisions(bt, [...taken.values()]),
      exposure: { minutes, portfolio: portfolioExposed, bots: exposed },
      faults,
    }),
    optionPricing: bt.optionPricing.days(days),
  });
}

/** The rule and reason behind each fill's order (`fillDecisions`), from the taken signals, the engine's orders and structures. */
function decisions(bt: BacktestEngine, taken: readonly Signal[]): (f: Fill) => Decision {
  const manager = bt.engine.core.manager;
  const structures = new Map(manager.structures().map((s) => [s.structureId as string, s.status]));
  return fillDecisions(taken, (f) => {
    const r = manager.order(f.clientOrderId);
    if (!r) return undefined;
    const status = r.link ? structures.get(r.link.structureId) : undefined;
    return { ...(r.order.intentId !== undefined ? { intentId: r.order.intentId } : {}), tsInit: r.order.tsInit, ...(r.link ? { link: r.link } : {}), ...(status ? { structureStatus: status } : {}) };
  });
}
