import type { BotDefinition } from '#bots/contract/bot';
import type { BotKind } from '#bots/catalog';
import { ironCondor } from '#bots/iron-condor/bot';
import { momentumRider } from '#bots/momentum-rider/bot';
import { shortStraddle } from '#bots/short-straddle/bot';
import { volatilityExpander } from '#bots/volatility-expander/bot';

/** A bot as the manager holds it: its parameters and state are checked by its own schemas, so `unknown` here. */
export type AnyBotDefinition = BotDefinition<unknown, unknown>;

/** The strategies in this build, by kind. */
export const BOT_DEFINITIONS: Readonly<Record<BotKind, AnyBotDefinition>> = {
  'short-straddle': shortStraddle as AnyBotDefinition,
  'iron-condor': ironCondor as AnyBotDefinition,
  'volatility-expander': volatilityExpander as AnyBotDefinition,
  'momentum-rider': momentumRider as AnyBotDefinition,
};
