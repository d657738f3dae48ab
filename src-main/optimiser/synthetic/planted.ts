import { ok } from '#core/result';
import { createRandom } from '#core/random';
import { minutesOf, param, paramsSchema, parseParams } from '#bots/contract/params';
import type { Objective } from '../objective.ts';
import type { Params } from '../search-space.ts';

/**
 * A synthetic bot whose best parameters are planted: its schema is built with `param.*` like a real bot's,
 * and its score peaks at exactly one point of the grid. Tests and the benchmark use it to prove that the
 * searches find a known optimum, and the job queue to compare machines without market data.
 */
export const plantedParams = paramsSchema({
  entryZ: param.number({ label: 'Entry z-score', default: 0, min: -3, max: 3, step: 0.1 }),
  lookback: param.integer({ label: 'Lookback', unit: 'bars', default: 20, min: 5, max: 60, step: 1 }),
  mode: param.choice(['fade', 'follow', 'breakout'], { label: 'Mode', default: 'fade' }),
  hedge: param.boolean({ label: 'Hedge', default: false }),
  entryAt: param.time({ label: 'Enter at', default: '09:30', min: '09:15', max: '15:00', stepMinutes: 15 }),
});

export const PLANTED_OPTIMUM = { entryZ: 1.3, lookback: 37, mode: 'follow', hedge: true, entryAt: '10:45' } as const;

/** 2 at the optimum, lower everywhere else; every parameter matters. */
export function plantedScore(p: Params): number {
  const z = Number(p.entryZ);
  const lookback = Number(p.lookback);
  const minutes = minutesOf(String(p.entryAt));
  return (
    2 -
    ((z - PLANTED_OPTIMUM.entryZ) / 3) ** 2 -
    ((lookback - PLANTED_OPTIMUM.lookback) / 25) ** 2 -
    (p.mode === PLANTED_OPTIMUM.mode ? 0 : 0.3) -
    (p.hedge === PLANTED_OPTIMUM.hedge ? 0 : 0.2) -
    Math.abs(minutes - minutesOf(PLANTED_OPTIMUM.entryAt)) / 400
  );
}

export interface PlantedOptions {
  /** Sd of noise added to the score; the noise is a function of the parameters and the fold only. */
  readonly noise: number;
  /** Days of returns each trial reports. */
  readonly days: number;
  /** Busy work per trial, to make a trial take time like a backtest does (tests kill workers mid-job). */
  readonly delayMs: number;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function plantedObjective(o: PlantedOptions): Objective {
  return {
    async evaluate(input, fold, signal) {
      const parsed = parseParams(plantedParams, input);
      if (!parsed.ok) return parsed;
      const p = parsed.value as Params;
      if (o.delayMs > 0) await sleep(o.delayMs, signal);
      const rng = createRandom(hash(`${fold}|${JSON.stringify(p)}`));
      const score = plantedScore(p) + o.noise * rng.normal();
      // Daily returns whose Sharpe tracks the score, so DSR and PBO see the same ranking as the search.
      const returns = Array.from({ length: o.days }, () => 0.001 * score + 0.01 * rng.normal());
      return ok({ score, metrics: { planted: plantedScore(p) }, returns });
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
