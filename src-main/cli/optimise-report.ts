import Table from 'cli-table3';
import type { StudyProgress } from '#optimiser/study';
import type { StudySummary } from '#optimiser/summary';

const fmt = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits));

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** `in-sample 120/510 (23 %) · best 1.9312 · 2m 10s left`. */
export function progressText(p: StudyProgress): string {
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
  const eta = p.etaMs === null ? 'estimating time left' : `${duration(p.etaMs)} left`;
  return `optimise: ${p.phase} ${p.done}/${p.total} (${pct} %) · best ${fmt(p.bestScore)} · ${duration(p.elapsedMs)} elapsed · ${eta}`;
}

/** The best trials, the out-of-sample check and the overfitting figures, as a person reads them. */
export function summaryText(studyId: string, s: StudySummary, top = 10): string {
  const lines: string[] = [`study ${studyId}: ${s.trials} trials, ${s.failed} failed`];
  if (s.best === null) return `${lines[0]}\nno trial produced a score`;
  const oosById = new Map(s.outOfSample?.byOutOfSample.map((t, i) => [t.trialId, { score: t.outOfSample, rank: i + 1 }]) ?? []);
  const table = new Table({ head: ['trial', 'score', 'out-of-sample', 'parameters'], style: { head: [], border: [] } });
  for (const r of s.ranked.slice(0, top)) {
    const oos = oosById.get(r.trialId);
    table.push([String(r.trialId), fmt(r.score), oos ? `${fmt(oos.score)} (#${oos.rank})` : '', Object.entries(r.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')]);
  }
  lines.push(table.toString());
  if (s.outOfSample) {
    lines.push(`out-of-sample: the in-sample best ranks #${s.outOfSample.oosRankOfInSampleBest} of ${s.outOfSample.byOutOfSample.length}; rank correlation (Spearman) ${fmt(s.outOfSample.spearman, 2)}`);
  }
  if (s.deflatedSharpe) {
    const d = s.deflatedSharpe;
    lines.push(
      `deflated Sharpe ratio ${fmt(d.dsr, 3)} (best per-period Sharpe ${fmt(d.sharpe)} against ${fmt(d.expectedMaxSharpe)} expected from luck over ${s.ranked.length} trials; ${d.observations} periods)` +
        (d.dsr >= 0.95 ? '' : ' — below 0.95: the best result may be luck of the search'),
    );
  }
  if (s.pbo) lines.push(`probability of backtest overfitting ${fmt(s.pbo.pbo, 2)} (CSCV, ${s.pbo.blocks} blocks, ${s.pbo.splits} splits)` + (s.pbo.pbo > 0.5 ? ' — above 0.5: the in-sample winner tends to lose out of sample' : ''));
  return lines.join('\n');
}

/** The summary for --json: the best trials without their return series, the overfitting figures without each split. */
export function summaryJson(studyId: string, s: StudySummary, top = 10): unknown {
  const slim = ({ returns: _returns, indices: _indices, ...r }: StudySummary['ranked'][number]) => r;
  return {
    studyId,
    trials: s.trials,
    failed: s.failed,
    best: s.best === null ? null : slim(s.best),
    top: s.ranked.slice(0, top).map(slim),
    deflatedSharpe: s.deflatedSharpe,
    pbo: s.pbo === null ? null : { pbo: s.pbo.pbo, blocks: s.pbo.blocks, splits: s.pbo.splits },
    outOfSample: s.outOfSample,
  };
}
