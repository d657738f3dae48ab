import { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import { BotState } from '#bots/bot-fsm';
import type { BotKind } from '#bots/catalog';
import { parseParams } from '#bots/contract/params';
import type { Regime } from '#bots/signals/regime';
import { sizingPolicySchema } from '#risk/sizing/policy';
import type { AnyBotDefinition } from './definitions.ts';

export const REGIMES = ['trending', 'ranging', 'volatile'] as const satisfies readonly Regime[];

/**
 * Which regimes each bot may open positions in (the regime hook), by default: premium sellers stay out of
 * trends; the condor wants a range; a squeeze breaks out of a quiet market into a trend; momentum needs a
 * trend or a burst. The trader may widen or narrow each (an empty list keeps the bot from opening at all).
 */
export const DEFAULT_REGIMES: Readonly<Record<BotKind, readonly Regime[]>> = {
  'short-straddle': ['ranging', 'volatile'],
  'iron-condor': ['ranging'],
  'volatility-expander': ['ranging', 'trending'],
  'momentum-rider': ['trending', 'volatile'],
};

const regimesSchema = z
  .array(z.enum(REGIMES))
  .refine((v) => new Set(v).size === v.length, { message: 'each regime at most once' });

/** A bot's settings as stored: its full parameter set, its capital, where its orders go, and its regimes. */
export const botSettingsSchema = z.strictObject({
  version: z.literal(1),
  params: z.record(z.string(), z.unknown()),
  /** Rupees this bot may tie up; at most what risk allows it (`risk.bots.<id>.capital`). */
  allocation: z.number().positive(),
  /** `live` orders reach the broker (a live terminal, armed); `paper` orders never do. */
  execution: z.enum(['paper', 'live']),
  regimes: regimesSchema,
  /** How opening signals are sized (risk/sizing); absent or null: as the bot sizes them itself. */
  sizing: sizingPolicySchema.nullable().optional(),
});
export type BotSettings = z.infer<typeof botSettingsSchema>;

/** What the trader may change: any subset; `params` is merged over the current parameters. */
export const botSettingsPatchSchema = z.strictObject({
  params: z.record(z.string(), z.unknown()).optional(),
  allocation: z.number().positive().optional(),
  execution: z.enum(['paper', 'live']).optional(),
  regimes: regimesSchema.optional(),
  /** null removes the policy. */
  sizing: sizingPolicySchema.nullable().optional(),
});
export type BotSettingsPatch = z.infer<typeof botSettingsPatchSchema>;

/** The lifecycle and strategy state as stored, next to the settings. */
export const storedStateSchema = z.strictObject({
  version: z.literal(1),
  lifecycle: z.enum(Object.values(BotState) as [BotState, ...BotState[]]),
  /** The bot's own state, checked against its state schema when read. */
  strategy: z.unknown(),
  /** A parameter change waiting for the next evaluation with nothing in flight. */
  pending: z.strictObject({ params: z.record(z.string(), z.unknown()), requestedAt: z.number().int() }).optional(),
  /** The bot's P&L at the start of the IST session `day`, for its P&L today. */
  dayStart: z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), pnl: z.number() }).optional(),
  /** Why the bot is in error. */
  fault: z.string().optional(),
});
export type StoredState = z.infer<typeof storedStateSchema>;

export interface SettingsError {
  readonly kind: 'invalid-input';
  readonly message: string;
}

const invalid = (message: string): Result<never, SettingsError> => err({ kind: 'invalid-input', message });

export interface SettingsRules {
  readonly mode: TradingMode;
  /** Risk's capital limit for this bot. */
  readonly riskCapital: number;
}

/** Defaults for a bot never configured: its parameters' defaults, risk's capital, paper, its default regimes. */
export function defaultSettings(def: AnyBotDefinition, riskCapital: number): BotSettings {
  const params = parseParams(def.params, {});
  if (!params.ok) throw new Error(`${def.kind}: default parameters do not validate: ${params.error.message}`);
  return { version: 1, params: params.value as Record<string, unknown>, allocation: riskCapital, execution: 'paper', regimes: [...DEFAULT_REGIMES[def.kind]] };
}

/**
 * Applies a patch to the current settings and validates the result whole: the parameters against the
 * bot's own schema (every bad field named), the allocation against risk's limit, and `live` only in a
 * live terminal. Returns the new settings with the parameters parsed (defaults filled in).
 */
export function applyPatch(def: AnyBotDefinition, current: BotSettings, patch: BotSettingsPatch, rules: SettingsRules): Result<{ settings: BotSettings; params: unknown }, SettingsError> {
  const merged = { ...current.params, ...patch.params };
  const parsed = parseParams(def.params, merged);
  if (!parsed.ok) return invalid(`${def.kind} parameters: ${parsed.error.message}`);
  const allocation = patch.allocation ?? current.allocation;
  if (allocation > rules.riskCapital) {
    return invalid(`allocation ₹${allocation.toLocaleString('en-IN')} is above the ₹${rules.riskCapital.toLocaleString('en-IN')} risk allows this bot: raise risk.bots.${def.kind}.capital in config.json first`);
  }
  const execution = patch.execution ?? current.execution;
  if (execution === 'live' && rules.mode !== 'live') return invalid(`live orders need the terminal in live mode (it runs in ${rules.mode}): every order goes to the paper broker`);
  const sizing = patch.sizing === undefined ? current.sizing : patch.sizing;
  const settings: BotSettings = { version: 1, params: parsed.value as Record<string, unknown>, allocation, execution, regimes: patch.regimes ?? current.regimes, ...(sizing ? { sizing } : {}) };
  return ok({ settings, params: parsed.value });
}

/** Reads stored settings; anything unreadable is a message for the trader, never a silent default. */
export function readSettings(def: AnyBotDefinition, raw: unknown): Result<{ settings: BotSettings; params: unknown }, SettingsError> {
  const s = botSettingsSchema.safeParse(raw);
  if (!s.success) return invalid(`stored settings are unreadable: ${s.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const parsed = parseParams(def.params, s.data.params);
  if (!parsed.ok) return invalid(`stored parameters no longer validate: ${parsed.error.message}`);
  return ok({ settings: { ...s.data, params: parsed.value as Record<string, unknown> }, params: parsed.value });
}
