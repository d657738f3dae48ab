import type { BotParamsDto, ParamFieldDto } from '#contract/bot-dto';
import { formatPrice } from '#renderer/lib/format.ts';

type ParamValue = BotParamsDto['values'][string];

/** What an editor field holds while the trader types: text for numbers, times and dated lists. */
export type DraftValue = string | boolean | readonly string[];

export type Parsed = { ok: true; value: ParamValue } | { ok: false; error: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The editor's starting text for a value. */
export function toDraft(field: ParamFieldDto, value: ParamValue | undefined): DraftValue {
  const v = value ?? field.default;
  switch (field.kind) {
    case 'number':
      return typeof v === 'number' ? String(v) : '';
    case 'boolean':
      return v === true;
    case 'choice':
    case 'time':
      return typeof v === 'string' ? v : '';
    case 'set':
      return Array.isArray(v) ? (v as string[]) : [];
    case 'dates':
      return Array.isArray(v) ? (v as { date: string; name: string }[]).map((d) => `${d.date} ${d.name}`).join('\n') : '';
  }
}

const range = (f: ParamFieldDto): string => {
  const unit = f.unit ? ` ${f.unit}` : '';
  return `${typeof f.min === 'number' ? formatPrice(f.min, decimalsOf(f.min)) : f.min} to ${typeof f.max === 'number' ? formatPrice(f.max, decimalsOf(f.max)) : f.max}${unit}`;
};
const decimalsOf = (n: number): number => (Number.isInteger(n) ? 0 : Math.min(4, String(n).split('.')[1]?.length ?? 0));

/**
 * Checks one field as the trader typed it, against the range the bot's schema declares, so a wrong value
 * is named at once; the engine checks the whole change again (rules across fields, positions held).
 */
export function parseField(field: ParamFieldDto, draft: DraftValue): Parsed {
  switch (field.kind) {
    case 'number': {
      const text = String(draft).trim().replace(/,/g, '');
      if (text === '') return { ok: false, error: `Enter a number from ${range(field)}.` };
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, error: `“${String(draft).trim()}” is not a number.` };
      if (field.integer && !Number.isInteger(n)) return { ok: false, error: 'Must be a whole number.' };
      if ((typeof field.min === 'number' && n < field.min) || (typeof field.max === 'number' && n > field.max)) return { ok: false, error: `Must be from ${range(field)}.` };
      return { ok: true, value: n };
    }
    case 'boolean':
      return { ok: true, value: draft === true };
    case 'choice': {
      const s = String(draft);
      return field.options?.includes(s) ? { ok: true, value: s } : { ok: false, error: `Choose one of ${(field.options ?? []).join(', ')}.` };
    }
    case 'time': {
      const s = String(draft).trim();
      if (!TIME.test(s)) return { ok: false, error: 'Must be a time HH:MM (24-hour IST).' };
      if ((typeof field.min === 'string' && s < field.min) || (typeof field.max === 'string' && s > field.max)) return { ok: false, error: `Must be from ${range(field)}.` };
      return { ok: true, value: s };
    }
    case 'set': {
      const items = Array.isArray(draft) ? [...(draft as readonly string[])] : [];
      const min = field.minItems ?? 1;
      if (items.length < min) return { ok: false, error: min === 1 ? 'Choose at least one.' : `Choose at least ${min}.` };
      return { ok: true, value: (field.options ?? []).filter((o) => items.includes(o)) };
    }
    case 'dates': {
      const entries: { date: string; name: string }[] = [];
      const lines = String(draft).split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (!line) continue;
        const [date = '', ...name] = line.split(/\s+/);
        if (!DATE.test(date) || name.length === 0) return { ok: false, error: `Line ${i + 1}: write a date and a name, e.g. 2026-02-01 Union Budget.` };
        entries.push({ date, name: name.join(' ') });
      }
      return { ok: true, value: entries };
    }
  }
}

/** The change to send: the parameters that differ from the values in force (the engine merges them over the rest). */
export function changedParams(dto: BotParamsDto, draft: Readonly<Record<string, DraftValue>>): { params: Record<string, ParamValue>; errors: Record<string, string> } {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const field of dto.fields) {
    const d = draft[field.key];
    if (d === undefined) continue;
    const parsed = parseField(field, d);
    if (!parsed.ok) errors[field.key] = parsed.error;
    else if (JSON.stringify(parsed.value) !== JSON.stringify(dto.values[field.key] ?? field.default)) params[field.key] = parsed.value;
  }
  return { params, errors };
}

/**
 * The engine's refusal (`stopLossPct: Too big: expected number to be <=300; …`) split by field, so each
 * message lands under its own input; what names no field of the editor stays a general message.
 */
export function splitEngineErrors(message: string, keys: readonly string[]): { fields: Record<string, string>; general?: string } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  // The engine prefixes a parameter refusal with the bot's kind: "iron-condor parameters: shortDelta: …".
  // A schema message may hold "; " itself: a new refusal starts only where a field is named.
  for (const part of message.replace(/^[a-z][a-z0-9-]* parameters: /, '').split(/; (?=[A-Za-z(][\w.()]*: )/)) {
    const m = /^(?:params\.)?([A-Za-z][\w]*)(?:\.[\w.]+)?: (.+)$/.exec(part.trim());
    if (m && keys.includes(m[1]!)) fields[m[1]!] = sentence(m[2]!);
    else rest.push(part.trim().replace(/^\(parameters\): /, ''));
  }
  const general = rest.filter(Boolean).join('; ');
  return general ? { fields, general: sentence(general) } : { fields };
}

const sentence = (s: string): string => {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?)]$/.test(t) ? t : `${t}.`;
};
