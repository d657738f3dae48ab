import { NOTIFY_KIND_NAMES, type NotifyKindName, type NotifyPatchInput, type NotifySettingsDto } from '#contract/notify-dto';

/** The notifications form as typed: numbers stay text until saved, so a half-typed value is not lost. */
export interface NotifyDraft {
  desktop: boolean;
  telegramEnabled: boolean;
  chatId: string;
  rules: Record<NotifyKindName, { enabled: boolean; burst: string; perMinute: string }>;
}

export const NOTIFY_KIND_LABELS: Readonly<Record<NotifyKindName, string>> = {
  fill: 'Fills',
  rejection: 'Rejections and refusals',
  risk: 'Risk breaches (halt, exits only, active again)',
  feed: 'Feed and OpenAlgo session problems',
  summary: 'Daily summary when a session ends',
};

export function notifyDraftOf(v: NotifySettingsDto): NotifyDraft {
  const rules = Object.fromEntries(NOTIFY_KIND_NAMES.map((k) => [k, { enabled: v.rules[k].enabled, burst: String(v.rules[k].burst), perMinute: String(v.rules[k].perMinute) }]));
  return { desktop: v.desktop, telegramEnabled: v.telegram.enabled, chatId: v.telegram.chatId ?? '', rules: rules as NotifyDraft['rules'] };
}

const number = (text: string): number | undefined => {
  const n = Number(text.replace(/,/g, '').trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

/**
 * What changed against the saved settings, as the `settings:notify:set` patch, and the fields that are not
 * numbers at all (ranges are the terminal's to check: it names the field). Keys are `rules.fill.burst` etc.
 */
export function notifyPatch(saved: NotifySettingsDto, draft: NotifyDraft): { patch: NotifyPatchInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const telegram: NonNullable<NotifyPatchInput['telegram']> = {};
  if (draft.telegramEnabled !== saved.telegram.enabled) telegram.enabled = draft.telegramEnabled;
  const chat = draft.chatId.trim();
  if (chat !== (saved.telegram.chatId ?? '')) telegram.chatId = chat === '' ? null : chat;
  const rules: NonNullable<NotifyPatchInput['rules']> = {};
  for (const k of NOTIFY_KIND_NAMES) {
    const d = draft.rules[k];
    const s = saved.rules[k];
    const change: { enabled?: boolean; burst?: number; perMinute?: number } = {};
    if (d.enabled !== s.enabled) change.enabled = d.enabled;
    const burst = number(d.burst);
    if (burst === undefined) errors[`rules.${k}.burst`] = 'give a whole number';
    else if (burst !== s.burst) change.burst = burst;
    const perMinute = number(d.perMinute);
    if (perMinute === undefined) errors[`rules.${k}.perMinute`] = 'give a number';
    else if (perMinute !== s.perMinute) change.perMinute = perMinute;
    if (Object.keys(change).length) rules[k] = change;
  }
  const patch: NotifyPatchInput = {
    ...(draft.desktop !== saved.desktop ? { desktop: draft.desktop } : {}),
    ...(Object.keys(telegram).length ? { telegram } : {}),
    ...(Object.keys(rules).length ? { rules } : {}),
  };
  return { patch, errors };
}

/** The terminal's refusal (`notifications.rules.fill.burst: Too small…`) under its field, or for the whole form. */
export function notifyErrors(message: string): { fields: Record<string, string>; general?: string } {
  const m = /^(?:settings:notify:set: )?(?:notifications\.)?((?:rules|telegram)\.[\w.]+|desktop): (.*)$/.exec(message);
  return m ? { fields: { [m[1]!]: m[2]! } } : { fields: {}, general: message };
}
