import { ZERO, type Counts } from './invariants.ts';
import { runOnce, type RunResult } from './run.ts';

export interface SoakSummary {
  readonly runs: number;
  readonly counts: Counts;
  /** Runs with a broken invariant or a problem, in seed order. */
  readonly failed: readonly RunResult[];
  readonly starts: number;
  readonly kills: number;
  /** Faults applied to order requests over all runs, by kind. */
  readonly faults: ReadonlyMap<string, number>;
}

export interface SoakOptions {
  readonly runs: number;
  /** Run i uses seed + i, so `--seed <a failing run's seed> --runs 1` replays that run's plan. */
  readonly seed: number;
  readonly keepFailed?: boolean;
  /** Runs at once (each has its own simulator, relay, engine process and folder). */
  readonly parallel?: number;
  /** Called as each run ends, with how many have ended. */
  readonly onRun?: (run: RunResult, done: number) => void;
}

const add = (a: Counts, b: Counts): Counts => ({
  duplicates: a.duplicates + b.duplicates,
  lostFills: a.lostFills + b.lostFills,
  orphansUnreported: a.orphansUnreported + b.orphansUnreported,
  positionMismatches: a.positionMismatches + b.positionMismatches,
  limitBreaches: a.limitBreaches + b.limitBreaches,
});

export const runFailed = (r: RunResult): boolean => r.problems.length > 0 || r.violations.length > 0;

export async function soak(options: SoakOptions): Promise<SoakSummary> {
  let counts = ZERO;
  const failed: RunResult[] = [];
  let starts = 0;
  let kills = 0;
  const faults = new Map<string, number>();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < options.runs) {
      const i = next++;
      const r = await runOnce((options.seed + i) >>> 0, { keepFailed: options.keepFailed ?? false });
      counts = add(counts, r.counts);
      starts += r.starts;
      kills += r.kills;
      for (const [f, n] of r.faults) if (f !== 'pass') faults.set(f, (faults.get(f) ?? 0) + n);
      if (runFailed(r)) failed.push(r);
      options.onRun?.(r, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel ?? 1, options.runs)) }, worker));
  failed.sort((a, b) => a.seed - b.seed);
  return { runs: options.runs, counts, failed, starts, kills, faults };
}

/** The one line a soak ends with. */
export function summaryLine(s: Pick<SoakSummary, 'runs' | 'counts'>): string {
  const c = s.counts;
  return `soak: runs ${s.runs}, duplicates ${c.duplicates}, lost fills ${c.lostFills}, orphans unreported ${c.orphansUnreported}, position mismatches ${c.positionMismatches}, limit breaches ${c.limitBreaches}`;
}

/** What a failed run tells the reader: its seed, what broke, and its step log. */
export function describeFailure(r: RunResult): string {
  return [
    `run seed ${r.seed} failed${r.dir ? ` (its SQLite file is kept in ${r.dir})` : ''}:`,
    ...r.problems.map((p) => `  problem: ${p}`),
    ...r.violations.map((v) => `  ${v.kind}: ${v.detail}`),
    ...r.log.map((l) => `  | ${l}`),
  ].join('\n');
}
