import type { BacktestStartInput } from '#contract/backtest-dto';
import type { BotParamsDto, ParamFieldDto } from '#contract/bot-dto';
import { parseField, type DraftValue } from '#renderer/features/bots/param-draft.ts';

/** Parameter kinds the run form edits; lists and dated entries keep the bot's current values. */
export const EDITABLE_KINDS: readonly ParamFieldDto['kind'][] = ['number', 'boolean', 'choice', 'time'];
/** Calendar days one run may span in the form (the engine's own cap is 250 sessions). */
export const MAX_RANGE_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface RunForm {
  /** Bots chosen, in the engine's order. */
  readonly bots: readonly string[];
  /** Each chosen bot's parameters as the engine reported them (current values and schema). */
  readonly params: Readonly<Record<string, BotParamsDto | undefined>>;
  /** What the trader typed, by bot and key. */
  readonly drafts: Readonly<Record<string, Readonly<Record<string, DraftValue>>>>;
  readonly from: string;
  readonly to: string;
  readonly source: 'simulator' | 'history';
  readonly seed: string;
  readonly label: string;
}

export type FormErrors = Readonly<Record<string, string>>;

/**
 * The start command the form describes, or what is wrong with it, each error under its field
 * (`from`, `to`, `seed`, `bots`, `<bot>.<key>`). The engine checks everything again.
 */
export function buildStart(f: RunForm): { ok: true; value: BacktestStartInput } | { ok: false; errors: FormErrors } {
  const errors: Record<string, string> = {};
  if (f.bots.length === 0) errors.bots = 'Choose at least one bot.';
  if (!DAY.test(f.from)) errors.from = 'Enter the first day.';
  if (!DAY.test(f.to)) errors.to = 'Enter the last day.';
  if (!errors.from && !errors.to) {
    const span = (Date.parse(f.to) - Date.parse(f.from)) / DAY_MS;
    if (span < 0) errors.to = 'The last day is before the first.';
    else if (span > MAX_RANGE_DAYS) errors.to = `At most ${MAX_RANGE_DAYS} days in one run.`;
  }
  const seed = Number(f.seed);
  if (f.source === 'simulator' && !(f.seed.trim() !== '' && Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)) errors.seed = 'A whole number from 0.';
  const bots: BacktestStartInput['bots'] = [];
  for (const botId of f.bots) {
    const dto = f.params[botId];
    if (!dto) {
      errors.bots = `The parameters of ${botId} are still loading.`;
      continue;
    }
    const params: Record<string, unknown> = { ...dto.values };
    for (const field of dto.fields) {
      const draft = f.drafts[botId]?.[field.key];
      if (draft === undefined || !EDITABLE_KINDS.includes(field.kind)) continue;
      const parsed = parseField(field, draft);
      if (parsed.ok) params[field.key] = parsed.value;
      else errors[`${botId}.${field.key}`] = parsed.error;
    }
    bots.push({ botId, params });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      bots,
      from: f.from,
      to: f.to,
      data: f.source === 'history' ? { kind: 'history' } : { kind: 'simulator', seed },
      ...(f.label.trim() ? { label: f.label.trim() } : {}),
    },
  };
}

/** The week before the engine's day (IST): a first run that finishes in a few seconds a session. */
export function defaultRange(engineDayKey: string): { from: string; to: string } {
  const end = Date.parse(engineDayKey) - DAY_MS;
  return { from: new Date(end - 6 * DAY_MS).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
}
