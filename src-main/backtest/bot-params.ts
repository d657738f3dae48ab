import { describeParams, type ParamSpec } from '#bots/contract/params';
import { BOT_DEFINITIONS } from '#engine/bots/definitions';
import { BACKTEST_BOTS } from './types.ts';

/** A bot's parameters as the editor and the optimiser read them; undefined for a bot not in this build. */
export function botParamSpecs(botId: string): readonly ParamSpec[] | undefined {
  const id = BACKTEST_BOTS.find((b) => b === botId);
  return id === undefined ? undefined : describeParams(BOT_DEFINITIONS[id].params);
}
