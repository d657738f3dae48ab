import type { ArmFigures, MlComparison } from './ml-compare.ts';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const num = (v: number | null): string => (v === null ? '—' : v.toFixed(2));
const rupees = (v: number): string => Math.round(v).toLocaleString('en-IN');
const arm = (a: ArmFigures): string[] => [String(a.trades), pct(a.winRate), num(a.sharpe), pct(a.maxDrawdownPct), rupees(a.netPnl)];

/**
 * The comparison as a table: per fold and bot, the rule-based run beside the run with the ML layer, then
 * the totals over every fold. Says what the figures are and what they are not.
 */
export function comparisonTable(c: MlComparison): string {
  const head = ['fold', 'sessions', 'bot', 'trades', 'win', 'Sharpe', 'max DD', 'net ₹', '| ML trades', 'win', 'Sharpe', 'max DD', 'net ₹', 'note'];
  const rows: string[][] = [head];
  for (const f of c.folds) {
    const note = f.modelsSawWindow.length > 0 ? `ML in sample: ${f.modelsSawWindow.join(', ')}` : '';
    for (const b of f.bots) rows.push([String(f.index + 1), `${f.from}..${f.to} (${f.days})`, b.botId, ...arm(b.withoutMl), ...arm(b.withMl), note]);
  }
  for (const t of c.total) rows.push(['all', `${c.folds[0]?.from ?? ''}..${c.folds.at(-1)?.to ?? ''}`, t.botId, ...arm(t.withoutMl), ...arm(t.withMl), '']);
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const left = new Set([0, 1, 2, 13]);
  const table = rows.map((r) => r.map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
  const models = c.models.length > 0 ? c.models.map((m) => m.modelId).join(', ') : 'none';
  const inSample = c.folds.filter((f) => f.modelsSawWindow.length > 0).length;
  const trainedOn = c.folds.flatMap((f) => {
    const t = f.training;
    if (!t) return [];
    const missing = t.problems.length > 0 ? `; not trained: ${t.problems.join('; ')}` : '';
    return [`  fold ${f.index + 1}: ${t.models.length} models trained on ${t.sessions} sessions ${t.from}..${t.to}, ${t.embargoSessions} session(s) of embargo before the fold${missing}`];
  });
  return [
    c.retrained
      ? 'left: the bots on the rule-based stand-ins (no ML source, rule regime); right ("ML"): the same folds with models retrained before every fold on the sessions before it:'
      : `left: the bots on the rule-based stand-ins (no ML source, rule regime); right ("ML"): the same folds with the models ${models}.`,
    ...trainedOn,
    table,
    `${c.folds.length} folds of ${c.foldDays} sessions; ${c.retrained ? 'every fold out of sample for the models (retrained before every fold).' : 'the same models on every fold (not retrained per fold).'}` +
      (inSample > 0 ? ` ${inSample} fold(s) overlap the models' own training data: there the ML side is in sample and proves nothing.` : '') +
      ' Totals chain the folds; a few folds are a small sample: a difference here is not an edge.',
  ].join('\n');
}
