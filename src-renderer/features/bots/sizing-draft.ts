import type { SizingPolicyDto } from '#contract/risk-analytics-dto';
import { parseField, toDraft, type DraftValue } from './param-draft.ts';

type Sizing = Record<string, unknown>;

/** The editor's starting text for a policy: the bot's own values where it has that policy, else the schema's defaults. */
export function sizingDraftOf(policy: SizingPolicyDto | undefined, current: Sizing | undefined): Record<string, DraftValue> {
  if (!policy) return {};
  const same = current?.['policy'] === policy.policy ? current : undefined;
  return Object.fromEntries(
    policy.fields.map((f) => {
      const v = same?.[f.key];
      return [f.key, f.kind === 'boolean' ? (same ? v !== null && v !== undefined : f.default === true) : toDraft(f, (v as number | string | undefined) ?? undefined)];
    }),
  );
}

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/**
 * The sizing change the editor holds: the policy with its fields read from the draft (each checked against
 * the schema's range, errors keyed `sizing.<field>`), `null` to remove the bot's policy, or `undefined`
 * when it equals the one in force. "Scale by signal confidence" keeps the bot's own multipliers when it
 * has them, else the strategy rules' defaults.
 */
export function buildSizing(policies: readonly SizingPolicyDto[], chosen: string, draft: Readonly<Record<string, DraftValue>>, current: Sizing | undefined): { sizing?: Sizing | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (chosen === '') return current ? { sizing: null, errors } : { errors };
  const policy = policies.find((p) => p.policy === chosen);
  if (!policy) return { errors: { sizing: `There is no sizing policy “${chosen}”.` } };
  const out: Sizing = { policy: chosen };
  for (const f of policy.fields) {
    const d = draft[f.key] ?? toDraft(f, undefined);
    if (f.kind === 'boolean') {
      const keep = current?.['policy'] === chosen ? current[f.key] : undefined;
      out[f.key] = d === true ? (keep ?? {}) : null;
      continue;
    }
    const parsed = parseField(f, d);
    if (parsed.ok) out[f.key] = parsed.value;
    else errors[`sizing.${f.key}`] = parsed.error;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return current && canonical(current) === canonical(out) ? { errors } : { sizing: out, errors };
}
