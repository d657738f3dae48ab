import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '#store/database';
import { EngineProcess } from './engine-process.ts';
import { startFaultRelay, type FaultRelay, type OrderRoute } from './fault-relay.ts';
import { checkInvariants, ZERO, type Counts, type Violation } from './invariants.ts';
import { BOTS, OrderFault, planRun, type EnterStep, type Step, type StepFaults } from './plan.ts';
import type { EngineSettings, ToEngine } from './protocol.ts';
import { readSimBooks } from './sim-books.ts';
import { API_KEY, INDEX_ID, startSoakMarket, UNDERLYING, type SoakMarket } from './sim-market.ts';
import { readStoreBooks } from './store-books.ts';

/** Per-bot limits the soak holds the engine to; loose enough to trade, tight enough to be reached. */
export const SOAK_BOT_LIMITS = { maxLots: 10, maxPositions: 2 } as const;
export const MAX_ORDERS_PER_SECOND = 10;
const STEP_TIMEOUT_MS = 60_000;
const POLL_MS = 150;

export interface RunResult {
  readonly seed: number;
  readonly counts: Counts;
  readonly violations: readonly Violation[];
  /** The run could not be judged or did not settle (engine start failed, a step never went quiet). */
  readonly problems: readonly string[];
  readonly starts: number;
  readonly kills: number;
  /** Faults the relay applied to order requests, by kind. */
  readonly faults: ReadonlyMap<OrderFault, number>;
  /** What happened, step by step: printed when the run fails. */
  readonly log: readonly string[];
  /** The run's folder (its SQLite file), kept when asked and the run failed. */
  readonly dir?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface StepState {
  faults: StepFaults;
  place: number;
  cancel: number;
}

/**
 * One seeded run: a fresh simulator and relay, an engine process on a new SQLite file, the plan's
 * entries and exits with their faults and kills (each kill followed by a restart on the same file),
 * then the engine stopped, both sides' books read and the invariants checked.
 */
export async function runOnce(seed: number, options: { keepFailed?: boolean } = {}): Promise<RunResult> {
  const plan = planRun(seed);
  const log: string[] = [];
  const problems: string[] = [];
  const note = (line: string): void => {
    log.push(line);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  let market: SoakMarket | undefined;
  let relay: FaultRelay | undefined;
  let engine: EngineProcess | undefined;
  let step: StepState = { faults: { place: [], cancel: [], partialFill: 0, resubmitAfterKill: false }, place: 0, cancel: 0 };
  try {
    market = await startSoakMarket(seed);
    const m = market;
    const kill = (): void => engine?.kill();
    relay = await startFaultRelay(m.sim, {
      faultFor(route: OrderRoute) {
        const i = route === 'placeorder' ? step.place++ : route === 'cancelorder' ? step.cancel++ : -1;
        const f = (route === 'placeorder' ? step.faults.place[i] : route === 'cancelorder' ? step.faults.cancel[i] : undefined) ?? OrderFault.pass;
        if (f !== OrderFault.pass) note(`  ${route} #${i}: ${f}`);
        return f;
      },
      kill,
    });
    const bots = Object.fromEntries(BOTS.map((b) => [b, { ...SOAK_BOT_LIMITS }]));
    const settings: Omit<EngineSettings, 'session'> = {
      dbFile: path.join(dir, DATABASE_FILE_NAME),
      host: relay.host,
      wsUrl: m.sim.wsUrl,
      apiKey: API_KEY,
      clockOffsetMs: m.clockOffsetMs,
      underlying: UNDERLYING,
      indexId: INDEX_ID,
      options: [...m.options],
      bots,
      maxOrdersPerSecond: MAX_ORDERS_PER_SECOND,
      timeoutMs: 500,
      reconcileEveryMs: 2000,
      execution: { pollIntervalMs: 100, unknownOutcomeWaitMs: 2500, requestConfirmWaitMs: 2500, retryDelayMs: 150 },
    };
    const proc = new EngineProcess(settings, `r${seed}`);
    const seen = new Map<string, string>();
    /** The simulator's trade count each time the run settled: the lot and position limits are judged there. */
    const settled: number[] = [];
    engine = proc;
    const started = await proc.start();
    if (!started.ok) throw new Error(started.error.message);

    for (const [n, s] of plan.steps.entries()) {
      step = { faults: s.faults, place: 0, cancel: 0 };
      const ok = await runStep(s, n, { market: m, engine: proc, seed, note, problems, plan: plan.steps, seen });
      if (!ok) break;
      settled.push(m.sim.book.trades.length);
    }
    step = { faults: { place: [], cancel: [], partialFill: 0, resubmitAfterKill: false }, place: 0, cancel: 0 };
    m.sim.apply({ kind: 'rates', rates: { partialFill: 0 } });
    if (problems.length === 0 && !(await settle(proc, undefined, note, problems, 'the end', seen))) problems.push('the engine did not settle at the end');
    if (problems.length === 0) {
      const reconciled = await proc.reconcile();
      if (reconciled.ok) note(`reconciliation at the end: ${reconciled.value} finding(s) open`);
      else problems.push(`the last reconciliation failed: ${reconciled.error}`);
    }
    await proc.stop();
    note(`engine: ${proc.starts} start(s), ${proc.kills} kill(s)`);
    for (const f of proc.failures) problems.push(`the engine reported: ${f}`);
    if (problems.length > 0) {
      if (proc.stderrTail()) note(`engine stderr: ${proc.stderrTail().trim().slice(-2000)}`);
      return result();
    }
    const sim = await readSimBooks(m.sim, API_KEY);
    const store = await readStoreBooks(settings.dbFile, Date.now() + m.clockOffsetMs);
    const checked = checkInvariants(sim, store, { bots, maxOrdersPerSecond: MAX_ORDERS_PER_SECOND, lotSize: (id) => m.lotSize(id) }, settled);
    for (const s of store.structures) note(`  structure ${s.structureId} (${s.botId}, ${s.kind}): ${s.status}${s.reason ? ` — ${s.reason}` : ''}`);
    for (const f of store.findings) note(`  finding ${f.kind} on ${f.subject}: ${f.message}`);
    return result(checked.counts, checked.violations);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    if (engine?.stderrTail()) note(`engine stderr: ${engine.stderrTail().trim().slice(-2000)}`);
    engine?.kill();
    await engine?.exited();
    return result();
  } finally {
    if (engine?.alive) engine.kill();
    await relay?.close();
    await market?.sim.close();
  }

  function result(counts: Counts = ZERO, violations: readonly Violation[] = []): RunResult {
    const failed = problems.length > 0 || violations.length > 0;
    const keep = failed && options.keepFailed === true;
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    return {
      seed,
      counts,
      violations,
      problems,
      starts: engine?.starts ?? 0,
      kills: engine?.kills ?? 0,
      faults: relay?.applied ?? new Map(),
      log,
      ...(keep ? { dir } : {}),
    };
  }
}

interface StepContext {
  readonly market: SoakMarket;
  readonly engine: EngineProcess;
  readonly seed: number;
  readonly plan: readonly Step[];
  readonly note: (line: string) => void;
  readonly problems: string[];
  /** Each structure's last status line, so the log shows every change once. */
  readonly seen: Map<string, string>;
}

const intentOf = (seed: number, step: number, key: string, kind: string): string => `soak-${seed}-${step}-${kind}-${key}`;

/** Sends the step's intent, stages its timed faults, restarts the engine after each kill, waits until quiet. */
async function runStep(s: Step, n: number, ctx: StepContext): Promise<boolean> {
  const { market, engine, seed, note } = ctx;
  let msg: ToEngine;
  if (s.kind === 'enter') {
    const legs = market.legs(s.shape, s.lots, s.inner, s.outer, s.pricing);
    msg = { kind: 'enter', intentId: intentOf(seed, n, s.key, 'enter'), botId: s.bot, structure: s.shape, legs, policy: s.policy };
    note(`step ${n}: ${s.bot} enters ${s.key}, ${s.shape} ${s.lots} lot(s), ${s.policy.kind}, ${legs.map((l) => `${l.side} ${l.instrumentId.slice(4)} ${l.type}${l.limitPrice ? `@${l.limitPrice}` : ''}`).join(', ')}`);
  } else {
    const entry = ctx.plan.find((p): p is EnterStep => p.kind === 'enter' && p.key === s.key)!;
    const structureId = intentOf(seed, ctx.plan.indexOf(entry), entry.key, 'enter');
    const status = await engine.status();
    const state = status?.structures.find((x) => x.structureId === structureId)?.status;
    if (state !== 'open') {
      note(`step ${n}: ${s.key} is ${state ?? 'not known'}, no exit`);
      return true;
    }
    msg = { kind: 'exit', intentId: intentOf(seed, n, s.key, 'exit'), botId: entry.bot, structureId };
    note(`step ${n}: ${entry.bot} exits ${s.key}`);
  }
  const f = s.faults;
  market.sim.apply({ kind: 'rates', rates: { partialFill: f.partialFill } });
  const timers: NodeJS.Timeout[] = [];
  if (f.dropSocketsAtMs !== undefined) {
    timers.push(
      setTimeout(() => {
        note(`  WebSocket connections dropped at +${f.dropSocketsAtMs} ms`);
        market.sim.apply({ kind: 'drop-sockets' });
      }, f.dropSocketsAtMs),
    );
  }
  if (f.killAtMs !== undefined) {
    timers.push(
      setTimeout(() => {
        if (!engine.alive) return;
        note(`  engine SIGKILLed at +${f.killAtMs} ms`);
        engine.kill();
      }, f.killAtMs),
    );
  }
  engine.send(msg);
  try {
    return await settle(engine, { msg, resubmit: f.resubmitAfterKill }, note, ctx.problems, `step ${n}`, ctx.seen);
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}

/**
 * Polls the engine until it is quiet twice in a row and has answered the step's intent (or was killed
 * since it was sent). A dead engine is started again on the same file; the bot may send its intent again.
 */
async function settle(
  engine: EngineProcess,
  sent: { msg: ToEngine; resubmit: boolean } | undefined,
  note: (l: string) => void,
  problems: string[],
  what: string,
  seen: Map<string, string>,
): Promise<boolean> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const intentId = sent && 'intentId' in sent.msg ? sent.msg.intentId : undefined;
  let killedSinceSend = false;
  let resent = false;
  let quietPolls = 0;
  let last = '';
  while (Date.now() < deadline) {
    if (!engine.alive) {
      await engine.exited();
      killedSinceSend = true;
      const restarted = await engine.start();
      if (!restarted.ok && restarted.error.killed) {
        note('  engine SIGKILLed while it was starting');
        continue;
      }
      if (!restarted.ok) {
        problems.push(`${what}: ${restarted.error.message}`);
        return false;
      }
      note(`  engine restarted (start ${engine.starts}), ${restarted.value} open finding(s)`);
      if (sent && sent.resubmit && !resent) {
        resent = true;
        note('  the bot sends its intent again');
        engine.send(sent.msg);
      }
      quietPolls = 0;
      continue;
    }
    const status = await engine.status();
    if (status) {
      last = JSON.stringify(status);
      for (const x of status.structures) {
        const line = `${x.status}${x.reason ? ` — ${x.reason}` : ''}`;
        if (seen.get(x.structureId) !== line) note(`  ${x.structureId}: ${line}`);
        seen.set(x.structureId, line);
      }
      const answered = intentId === undefined || killedSinceSend || engine.answers.has(intentId);
      quietPolls = status.quiet && answered ? quietPolls + 1 : 0;
      if (quietPolls >= 2) {
        if (intentId && engine.answers.has(intentId)) note(`  answer: ${engine.answers.get(intentId)}`);
        return true;
      }
    }
    await sleep(POLL_MS);
  }
  problems.push(`${what}: the engine was still busy after ${STEP_TIMEOUT_MS / 1000} s: ${last}`);
  return false;
}
