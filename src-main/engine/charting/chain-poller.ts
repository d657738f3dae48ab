import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import { formatIstTime } from '#core/time-ist';
import type { OptionChain } from '#options/chain';
import type { ChainSource, ChainSourceError, ChainTarget } from './openalgo-chains.ts';

export interface ChainPollSettings {
  /** Each chain is asked for again this long after its last request started. */
  readonly cadenceMs: number;
  /** At least this long between any two requests, so many chains never go out in a burst. */
  readonly gapMs: number;
  /** Strikes each side of the money asked for (a bot asking wider widens its chain, up to OpenAlgo's 100). */
  readonly strikesEachSide: number;
  /** Longest wait after repeated failures (the wait doubles from `cadenceMs`). */
  readonly maxBackoffMs: number;
  /** A chain with no good answer for this long (or two of its reads, when it is read less often) leaves the shared cache: no bot trades on old prices. */
  readonly staleAfterMs: number;
  /** A chain a bot asked for is kept fresh this long after its last ask. */
  readonly wantedForMs: number;
  /** While a chain's legs stream, it is read again only this often (never more often than `cadenceMs`): reconciliation. */
  readonly streamingCadenceMs: number;
}

export const DEFAULT_CHAIN_POLL: ChainPollSettings = {
  cadenceMs: 5000,
  gapMs: 250,
  strikesEachSide: 40,
  maxBackoffMs: 60_000,
  staleAfterMs: 30_000,
  wantedForMs: 10 * 60_000,
  streamingCadenceMs: 15_000,
};

export interface ChainPollerDeps {
  readonly clock: Clock;
  readonly source: ChainSource;
  readonly logger: Logger;
  /** The chains always kept fresh at `now` (each followed underlying's nearest and monthly expiry). */
  readonly standing: (now: number) => readonly ChainTarget[];
  /** Resolves the exchange of a chain a bot asks for; undefined when it cannot be followed. */
  readonly target: (underlying: string, expiry: string, now: number) => ChainTarget | undefined;
  /** A good chain, freshly read. */
  readonly apply: (chain: OptionChain) => void;
  /** The chain's problem for the screen, or undefined once it answers again. */
  readonly problem: (target: ChainTarget, message: string | undefined) => void;
  /** The chain is stale: take it out of what the bots read. */
  readonly drop: (target: ChainTarget) => void;
  /** Whether the F&O market is in session at `now`; outside it a chain is read once a minute. */
  readonly marketOpen: (now: number) => boolean;
  /** Whether the chain's legs stream now: then it is read every `streamingCadenceMs` instead. */
  readonly streaming?: (target: ChainTarget) => boolean;
  /** When a leg of the chain last streamed: a chain streaming lately is not stale, whatever its polls. */
  readonly streamedAt?: (target: ChainTarget) => number | undefined;
  /** The chain is no longer followed (no bot asked for it lately, or its expiry passed). */
  readonly forget?: (target: ChainTarget) => void;
  readonly settings?: Partial<ChainPollSettings>;
}

/** One chain's poll state: `waiting` for its first answer, `ok`, or `failing` since `failures` answers. */
interface Entry {
  readonly target: ChainTarget;
  state: 'waiting' | 'ok' | 'failing';
  inFlight: Promise<void> | undefined;
  nextAt: number;
  /** When the last request started. */
  startedAt: number | undefined;
  failures: number;
  strikes: number;
  lastGoodAt: number | undefined;
  lastError: ChainSourceError | undefined;
  dropped: boolean;
  wantedUntil: number | undefined;
}

export interface ChainPollStatus {
  readonly underlying: string;
  readonly expiry: string;
  readonly state: Entry['state'];
  readonly failures: number;
  readonly lastGoodAt?: number;
  readonly error?: ChainSourceError;
}

/** Outside the session quotes do not move: a chain a minute keeps the panel and the bots' books current. */
const CLOSED_CADENCE_MS = 60_000;

const keyOf = (t: Pick<ChainTarget, 'underlying' | 'expiry'>): string => `${t.underlying}|${t.expiry}`;

/**
 * Keeps option chains fresh from a `ChainSource` outside simulation. One timer drives every chain: a wake
 * starts at most one request (the chain due longest), at least `gapMs` after the previous one, so eight
 * chains spread over two seconds instead of going out together, and each chain has at most one request in
 * flight. A failure is logged once (and again only when its kind changes), shown on the chain panel and
 * retried after `cadenceMs`, doubling up to `maxBackoffMs`; the last good chain stays readable until it is
 * `staleAfterMs` old, then leaves the cache until the source answers again.
 */
export function createChainPoller(deps: ChainPollerDeps) {
  const s: ChainPollSettings = { ...DEFAULT_CHAIN_POLL, ...deps.settings };
  const { clock, logger } = deps;
  const entries = new Map<string, Entry>();
  let running = false;
  let timer: TimerHandle | undefined;
  let wakeAt = Infinity;
  let lastStartAt = -Infinity;

  const add = (target: ChainTarget, now: number): Entry => {
    let e = entries.get(keyOf(target));
    if (!e) {
      e = { target, state: 'waiting', inFlight: undefined, nextAt: now, startedAt: undefined, failures: 0, strikes: s.strikesEachSide, lastGoodAt: undefined, lastError: undefined, dropped: false, wantedUntil: undefined };
      entries.set(keyOf(target), e);
    }
    return e;
  };

  /** The standing chains plus those a bot asked for lately; expired and unasked chains are forgotten. */
  const refresh = (now: number): void => {
    const standing = new Set<string>();
    for (const t of deps.standing(now)) {
      standing.add(keyOf(t));
      add(t, now);
    }
    for (const [key, e] of entries) {
      const wanted = e.wantedUntil !== undefined && e.wantedUntil > now;
      if (standing.has(key) || wanted || e.inFlight) continue;
      entries.delete(key);
      if (e.state === 'failing' || e.dropped) deps.problem(e.target, undefined);
      deps.forget?.(e.target);
    }
  };

  /** The last good answer or, later, the last streamed leg: what a chain's staleness counts from. */
  const freshAt = (e: Entry): number | undefined => {
    const streamed = deps.streamedAt?.(e.target);
    return e.lastGoodAt === undefined ? undefined : Math.max(e.lastGoodAt, streamed ?? -Infinity);
  };

  /**
   * How long a chain may go without a good answer: `staleAfterMs`, or two polls when it is polled less often
   * than that (out of session, or a slow `chainPollMs`), else it would vanish between two good reads. A
   * streaming chain's slower reconciliation polls do not stretch it: its freshness counts from its stream.
   */
  const staleAfter = (now: number): number => Math.max(s.staleAfterMs, 2 * pollCadence(now));

  const markStale = (now: number): void => {
    for (const e of entries.values()) {
      const fresh = freshAt(e);
      if (e.dropped || e.lastGoodAt === undefined || fresh === undefined || now - fresh < staleAfter(now)) continue;
      e.dropped = true;
      deps.drop(e.target);
      const last = e.lastError ? ` (last error, ${e.lastError.kind}: ${e.lastError.message})` : '';
      deps.problem(e.target, `OpenAlgo's ${e.target.underlying} ${e.target.expiry} option chain has had no good answer since ${formatIstTime(e.lastGoodAt)} IST${fresh > e.lastGoodAt ? ` and no streamed quote since ${formatIstTime(fresh)} IST` : ''}, over ${Math.round(staleAfter(now) / 1000)} s: the bots and this panel no longer use it${last}`);
    }
  };

  const describe = (e: Entry): string =>
    `OpenAlgo's ${e.target.underlying} ${e.target.expiry} option chain failed ${e.failures === 1 ? 'once' : `${e.failures} times in a row`} (${e.lastError?.kind ?? 'error'}: ${e.lastError?.message ?? 'no answer'}); next try at ${formatIstTime(e.nextAt)} IST`;

  const settle = (e: Entry, started: number, r: Awaited<ReturnType<ChainSource['fetch']>>): void => {
    const now = clock.now();
    if (r.ok) {
      if (e.state === 'failing') logger.info({ underlying: e.target.underlying, expiry: e.target.expiry, failures: e.failures }, 'OpenAlgo option chain answers again');
      if (e.state === 'failing' || e.dropped) deps.problem(e.target, undefined);
      e.state = 'ok';
      e.failures = 0;
      e.lastError = undefined;
      e.lastGoodAt = now;
      e.dropped = false;
      e.nextAt = Math.max(now, started + cadence(e, now));
      deps.apply(r.value);
      return;
    }
    const changed = e.lastError?.kind !== r.error.kind;
    e.state = 'failing';
    e.failures++;
    e.lastError = r.error;
    e.nextAt = now + Math.min(s.maxBackoffMs, s.cadenceMs * 2 ** (e.failures - 1));
    if (changed) logger.warn({ underlying: e.target.underlying, expiry: e.target.expiry, kind: r.error.kind, message: r.error.message, retryInMs: e.nextAt - now }, 'OpenAlgo option chain failed');
    const kept = e.lastGoodAt !== undefined && !e.dropped ? `; showing the last good chain of ${formatIstTime(e.lastGoodAt)} IST` : '';
    deps.problem(e.target, `${describe(e)}${kept}`);
  };

  const pollCadence = (now: number): number => (deps.marketOpen(now) ? s.cadenceMs : Math.max(s.cadenceMs, CLOSED_CADENCE_MS));

  const cadence = (e: Entry, now: number): number => {
    const open = pollCadence(now);
    return deps.streaming?.(e.target) ? Math.max(open, s.streamingCadenceMs) : open;
  };

  const launch = (e: Entry, now: number): void => {
    lastStartAt = now;
    e.startedAt = now;
    const run = async (): Promise<void> => {
      let r: Awaited<ReturnType<ChainSource['fetch']>>;
      try {
        r = await deps.source.fetch(e.target, e.strikes, () => clock.now());
      } catch (cause) {
        r = { ok: false, error: { kind: 'internal', message: cause instanceof Error ? cause.message : String(cause) } };
      }
      e.inFlight = undefined;
      if (!running) return;
      settle(e, now, r);
      schedule();
    };
    e.inFlight = run();
  };

  const wake = (): void => {
    timer = undefined;
    wakeAt = Infinity;
    if (!running) return;
    const now = clock.now();
    refresh(now);
    markStale(now);
    if (now - lastStartAt >= s.gapMs) {
      let due: Entry | undefined;
      for (const e of entries.values()) if (!e.inFlight && e.nextAt <= now && (!due || e.nextAt < due.nextAt)) due = e;
      if (due) launch(due, now);
    }
    schedule();
  };

  /** One timer at the next instant anything is due: a chain's turn (not before the gap) or a chain going stale. */
  const schedule = (): void => {
    if (!running) return;
    const now = clock.now();
    let at = now + s.cadenceMs;
    for (const e of entries.values()) {
      if (!e.inFlight) at = Math.min(at, Math.max(e.nextAt, lastStartAt + s.gapMs));
      const fresh = freshAt(e);
      if (!e.dropped && fresh !== undefined) at = Math.min(at, fresh + staleAfter(now));
    }
    at = Math.max(at, now);
    if (timer && at >= wakeAt) return;
    timer?.cancel();
    wakeAt = at;
    timer = clock.setTimer(at, wake);
  };

  return {
    start(): void {
      if (running) return;
      running = true;
      refresh(clock.now());
      schedule();
    },

    /** Stops polling; resolves once no request is in flight, so nothing lands after it. */
    async stop(): Promise<void> {
      running = false;
      timer?.cancel();
      timer = undefined;
      wakeAt = Infinity;
      await Promise.all([...entries.values()].map((e) => e.inFlight));
    },

    /**
     * A bot reads this chain: keep it fresh from now on, `strikesEachSide` wide at least. A chain not
     * followed yet is asked for at the next free slot; until it answers the bot reads no chain.
     */
    want(underlying: string, expiry: string, strikesEachSide: number): void {
      if (!running) return;
      const now = clock.now();
      const existing = entries.get(keyOf({ underlying: underlying as ChainTarget['underlying'], expiry }));
      const target = existing?.target ?? deps.target(underlying, expiry, now);
      if (!target) return;
      const e = existing ?? add(target, now);
      e.wantedUntil = now + s.wantedForMs;
      e.strikes = Math.min(100, Math.max(e.strikes, strikesEachSide));
      if (!existing) schedule();
    },

    /**
     * A chain stopped streaming (the socket went down, or its legs went quiet): every answered chain waiting
     * out the streaming cadence is read again at its full cadence (counted from its last request), so
     * polling takes over at once.
     */
    hurry(): void {
      if (!running) return;
      const now = clock.now();
      for (const e of entries.values()) {
        if (e.state !== 'ok' || e.inFlight || e.startedAt === undefined) continue;
        e.nextAt = Math.min(e.nextAt, Math.max(now, e.startedAt + cadence(e, now)));
      }
      schedule();
    },

    status(): ChainPollStatus[] {
      return [...entries.values()].map((e) => ({
        underlying: e.target.underlying,
        expiry: e.target.expiry,
        state: e.state,
        failures: e.failures,
        ...(e.lastGoodAt !== undefined ? { lastGoodAt: e.lastGoodAt } : {}),
        ...(e.lastError ? { error: e.lastError } : {}),
      }));
    },
  };
}

export type ChainPoller = ReturnType<typeof createChainPoller>;
