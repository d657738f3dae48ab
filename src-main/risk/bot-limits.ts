import type { BotLimits, RiskConfig } from '#config/risk-schema';
import type { BotId } from '#model/ids';

/** The limits of a bot (its own entry, else the default), or the trader's for orders without a bot. */
export function botLimitsOf(limits: RiskConfig, botId: BotId | undefined): BotLimits {
  if (botId === undefined) return limits.manual;
  return Object.hasOwn(limits.bots, botId) ? limits.bots[botId]! : limits.defaultBot;
}

export function ownerName(botId: BotId | undefined): string {
  return botId === undefined ? 'the trader' : `bot ${botId}`;
}
