import { err, ok, type Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import type { InstrumentLookup } from '#execution/instruments';
import type { BotBooks } from './bot-books.ts';
import type { BotRunner } from './bot-runner.ts';
import { applyPatch, botSettingsPatchSchema, type BotSettings } from './bot-settings.ts';
import type { BotError } from './bot-view.ts';

export interface ConfigRules {
  readonly mode: TradingMode;
  readonly riskCapital: number;
  readonly books: BotBooks;
  readonly instruments: InstrumentLookup;
}

/** A checked change: the settings to keep now, and parameters to apply at the next evaluation (an active bot's). */
export interface BotChange {
  readonly settings: BotSettings;
  readonly params: unknown;
  /** Parameters that must wait for the next evaluation with nothing in flight. */
  readonly deferred: boolean;
}

/**
 * Checks a trader's change to a bot's settings: the patch's shape, the parameters against the bot's own
 * schema (merged over the current ones), the allocation against risk's limit, live only in a live
 * terminal and never while the bot runs, and no underlying dropped while the bot holds a position in it.
 */
export function checkChange(r: BotRunner, raw: unknown, rules: ConfigRules): Result<BotChange, BotError> {
  const parsed = botSettingsPatchSchema.safeParse(raw);
  if (!parsed.success) return err({ kind: 'invalid-input', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ') });
  const patch = parsed.data;
  const next = applyPatch(r.def, r.settings, patch, { mode: rules.mode, riskCapital: rules.riskCapital });
  if (!next.ok) return next;
  if (r.active && patch.execution !== undefined && patch.execution !== r.settings.execution) {
    return err({ kind: 'invalid-state', message: `stop ${r.descriptor.name} before switching it between paper and live` });
  }
  const dropped = droppedWithPositions(r, next.value.params, rules);
  if (dropped) return err({ kind: 'invalid-state', message: dropped });
  const changed = JSON.stringify(next.value.settings.params) !== JSON.stringify(r.settings.params);
  return ok({ settings: next.value.settings, params: next.value.params, deferred: r.active && changed });
}

/** A change that stops a bot reading an underlying it holds a position in would leave that position unmanaged. */
function droppedWithPositions(r: BotRunner, params: unknown, rules: ConfigRules): string | undefined {
  const keep = new Set<string>(r.def.requirements(params).chains.map((c) => c.underlying));
  const lost = new Set<string>();
  for (const p of rules.books.positions(r.botId)) {
    const t = rules.instruments.tradable(p.instrumentId);
    if (t && (t.kind === 'option' || t.kind === 'future') && !keep.has(t.underlying)) lost.add(t.underlying);
  }
  if (lost.size === 0) return undefined;
  return `${r.descriptor.name} holds ${[...lost].join(', ')} positions: close them before removing ${lost.size > 1 ? 'those underlyings' : 'that underlying'}`;
}
