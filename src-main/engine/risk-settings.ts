import { err, ok, type Result } from '#core/result';
import { riskConfigSchema, type RiskConfig } from '#config/risk-schema';

export interface RiskPatchError {
  readonly kind: 'invalid-input';
  readonly message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested objects merge key by key; anything else (a number, `null`, an array) replaces what was there. */
function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = mergeDeep(base[k], v);
  return out;
}

/**
 * The saved limits with a change applied, checked whole by the config's own schema, so the screen can
 * never save a `risk` section the terminal would refuse at its next start. Each refusal names its field
 * as config.json spells it (`risk.dailyLoss.limit: …`).
 */
export function applyRiskPatch(saved: RiskConfig, patch: Readonly<Record<string, unknown>>): Result<RiskConfig, RiskPatchError> {
  if (Object.keys(patch).length === 0) return err({ kind: 'invalid-input', message: 'nothing to change: the limits are as saved' });
  const parsed = riskConfigSchema.safeParse(mergeDeep(saved, patch));
  if (parsed.success) return ok(parsed.data);
  const message = parsed.error.issues
    .map((i) => {
      const at = ['risk', ...i.path.map(String)].join('.');
      return i.code === 'unrecognized_keys' ? `${at}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}` : `${at}: ${i.message}`;
    })
    .join('; ');
  return err({ kind: 'invalid-input', message });
}
