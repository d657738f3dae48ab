import type { BotId, InstrumentId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { BotModels, RegimeSource } from '#bots/contract/models';
import { noMlModel } from '#bots/signals/ml-source';
import { ruleRegime } from '#bots/signals/regime';
import type { ModelService } from '#ml/service/model-service';

/**
 * What the bot manager asks of the model layer: each bot's `ctx.models`, the regime classifier its
 * "which bots may open" hook reads, a batch of the bar models ahead of the bots at a closed-bar instant,
 * and every stored signal (the ensemble's hit rates learn from them).
 */
export interface BotModelsPort {
  forBot(botId: BotId): BotModels;
  readonly regime: RegimeSource;
  prepare(underlyings: readonly InstrumentId[], now: number): void;
  /** Call inside the transaction that stores the signals: the learners' state is written with them. */
  observe(signals: readonly Signal[]): void;
}

/** The rule-based stand-ins: no ML source ("no ML model installed"), the rule regime. */
export function ruleModels(): BotModelsPort {
  const models: BotModels = { ml: noMlModel, regime: ruleRegime() };
  return { forBot: () => models, regime: models.regime, prepare: () => undefined, observe: () => undefined };
}

/** The trained models of the ML layer, each bot with its own ML source view (and threshold learner). */
export function serviceModels(service: Pick<ModelService, 'modelsFor' | 'regime' | 'prepare' | 'observeSignal'>): BotModelsPort {
  const perBot = new Map<BotId, BotModels>();
  return {
    forBot(botId) {
      let m = perBot.get(botId);
      if (!m) perBot.set(botId, (m = service.modelsFor(botId)));
      return m;
    },
    regime: service.regime,
    prepare: (underlyings, now) => service.prepare(underlyings, now),
    observe(signals) {
      for (const s of signals) service.observeSignal(s);
    },
  };
}
