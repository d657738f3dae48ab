import type { ComparisonDto, VariantDto } from '#contract/risk-analytics-dto';

/** The variant's settings over the bot's, as one line: `riskPct 2 · minMovePct 0.1 · sizing kelly`. */
export function settingsSummary(v: VariantDto): string {
  const parts: string[] = [];
  const params = v.settings['params'];
  if (params && typeof params === 'object') for (const [k, val] of Object.entries(params)) parts.push(`${k} ${Array.isArray(val) ? val.join('+') : String(val)}`);
  if ('sizing' in v.settings) {
    const s = v.settings['sizing'];
    parts.push(s && typeof s === 'object' && 'policy' in s ? `sizing ${String((s as { policy: unknown }).policy)}` : 'no sizing policy');
  }
  return parts.length > 0 ? parts.join(' · ') : 'the bot’s own settings';
}

/**
 * A running variant its own risk layer holds back (a loss limit, the kill switch), as a tag: `halted (daily-loss)`.
 * Nothing for an active one, or one that is not running.
 */
export function tradingTag(v: VariantDto): { state: 'reducing' | 'halted'; text: string } | undefined {
  const t = v.trading;
  if (v.status !== 'running' || !t || t.state === 'active') return undefined;
  return { state: t.state, text: t.cause ? `${t.state} (${t.cause})` : t.state };
}

export type Tone = 'good' | 'bad' | 'muted';

/** How the verdict reads: only a significant difference past the minimum sample is a call either way. */
export function verdictTone(c: ComparisonDto): Tone {
  return c.verdict.kind === 'variant-better' ? 'good' : c.verdict.kind === 'real-better' ? 'bad' : 'muted';
}

/** What the promotion dialog warns about before the trader confirms. */
export function promoteWarning(c: ComparisonDto | undefined): string | undefined {
  if (!c) return 'The comparison could not be read: promote only if you know why.';
  if (c.verdict.kind === 'insufficient') return `There is no verdict yet (${c.verdict.reason}). Promoting now acts on noise.`;
  if (c.verdict.kind === 'real-better') return `The bot did better than the variant (${c.verdict.reason}).`;
  if (c.verdict.kind === 'no-difference') return `No significant difference (${c.verdict.reason}).`;
  return undefined;
}
