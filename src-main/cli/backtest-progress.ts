import type { BacktestProgress } from '#backtest/types';

const WIDTH = 24;

/** `[#########...............]  37%  2026-11-25 (3 of 8 days)  about 41 s left` */
export function backtestProgressText(p: BacktestProgress, elapsedMs: number, what = ''): string {
  const share = Math.min(1, Math.max(0, p.fraction));
  const filled = Math.round(share * WIDTH);
  const parts = [`[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`, `${String(Math.floor(share * 100)).padStart(3)}%`];
  if (what) parts.push(what);
  parts.push(`${p.day} (${Math.min(p.daysDone + 1, p.daysTotal)} of ${p.daysTotal} days)`);
  if (share > 0.02 && share < 1 && elapsedMs > 2000) parts.push(`about ${duration((elapsedMs * (1 - share)) / share)} left`);
  return parts.join('  ');
}

/**
 * Progress on a `progressLine`: on a terminal at most ten times a second; elsewhere one line per tenth of
 * the work, so a log stays short.
 */
export function backtestProgress(line: { show(text: string): void; end(): void }, isTTY: boolean, now: () => number) {
  const started = now();
  let shownAt = Number.NEGATIVE_INFINITY;
  let shownTenth = -1;
  let shownWhat = '';
  return {
    update(p: BacktestProgress, what = ''): void {
      const t = now();
      // A new backtest of a series (walk-forward) starts its tenths again.
      if (what !== shownWhat) {
        shownWhat = what;
        shownTenth = -1;
      }
      const tenth = Math.floor(p.fraction * 10);
      if (isTTY ? t - shownAt < 100 && p.fraction < 1 : tenth <= shownTenth) return;
      shownAt = t;
      shownTenth = tenth;
      line.show(backtestProgressText(p, t - started, what));
    },
    end(): void {
      line.end();
    },
  };
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
