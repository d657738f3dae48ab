import { z } from 'zod';

/**
 * Wire shapes of the settings screen beyond the mode: the risk limits (the `risk` section of config.json)
 * and the data jobs (CSV import, history download). The limits travel as the config's own JSON; the engine
 * checks a change against the config schema, so the contract does not repeat it.
 */
const json = z.record(z.string(), z.unknown());

export const riskSettingsDto = z.object({
  /** The limits this run enforces (read at start). */
  inForce: json,
  /** The limits saved in config.json, used from the next start. */
  saved: json,
  configFile: z.string(),
});
export type RiskSettingsDto = z.infer<typeof riskSettingsDto>;

/** A change to the saved limits: nested objects merge over the saved ones, e.g. `{ dailyLoss: { limit: 15000 } }`. */
export const riskPatchInput = z.object({ patch: json }).strict();
