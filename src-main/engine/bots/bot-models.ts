import type { MarketView } from '#market/multi-timeframe';
import type { BotId, InstrumentId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { BotModels, RegimeInputs, RegimeSource } from '#bots/contract/models';
import type { BotRequirements } from '#bots/contract/requirements';
import type { StudiesHub } from '#bots/context/studies';
import { noMlModel } from '#bots/signals/ml-source';
import { ruleRegime } from '#bots/signals/regime';
import type { StructureReading } from '#ml/ports';
import type { ModelService } from '#ml/service/model-service';

/** The timeframe of the ML models' bars, and so of the price-action studies the validator reads. */
const ML_TIMEFRAME = '5m';
/**
 * Closed bars before the studies' price-action reading is given: the bots' own (40), so the ML layer
 * registering the series first does not change when a bot that declares it later gets its reading.
 */
const ML_PRICE_ACTION_WARM_UP = 40;

/**
 * What the bot manager asks of the model layer: each bot's `ctx.models`, the regime classifier its
 * "which bots may open" hook reads, a batch of the bar models ahead of the bots at a closed-bar instant,
 * and every stored signal (the ensemble's hit rates learn from them).
 */
export interface BotModelsPort {
  forBot(botId: BotId): BotModels;
  readonly regime: RegimeSource;
  /** With the regime hook's inputs per index, the regime classifier runs in the same call and the hook reads its answer. */
  prepare(underlyings: readonly InstrumentId[], now: number, regimeInputs?: (index: InstrumentId) => RegimeInputs): void;
  /** Call inside the transaction that stores the signals: the learners' state is written with them. */
  observe(signals: readonly Signal[]): void;
  /** The bots' shared studies: the models read their structure breaks from the price-action detectors there. */
  attach(studies: StudiesHub, market: (id: InstrumentId) => MarketView): void;
}

/** The rule-based stand-ins: no ML source ("no ML model installed"), the rule regime. */
export function ruleModels(): BotModelsPort {
  const models: BotModels = { ml: noMlModel, regime: ruleRegime() };
  return { forBot: () => models, regime: models.regime, prepare: () => undefined, observe: () => undefined, attach: () => undefined };
}

/** The trained models of the ML layer, each bot with its own ML source view (and threshold learner). */
export function serviceModels(service: Pick<ModelService, 'modelsFor' | 'regime' | 'prepare' | 'observeSignal' | 'useBreaks'>): BotModelsPort {
  const perBot = new Map<BotId, BotModels>();
  return {
    forBot(botId) {
      let m = perBot.get(botId);
      if (!m) perBot.set(botId, (m = service.modelsFor(botId)));
      return m;
    },
    regime: service.regime,
    prepare: (underlyings, now, regimeInputs) => service.prepare(underlyings, now, regimeInputs),
    observe(signals) {
      for (const s of signals) service.observeSignal(s);
    },
    attach(studies, market) {
      service.useBreaks(structureBreaks(studies, market));
    },
  };
}

/**
 * The validator's structure breaks from the studies' price-action detectors on each underlying's 5-minute
 * bars: registered there on first use (folding the history the market holds, as a bot's are) unless a
 * bot declared them already, so the detectors run once for the bots and the models.
 */
function structureBreaks(studies: StudiesHub, market: (id: InstrumentId) => MarketView): (u: InstrumentId) => StructureReading | undefined {
  const registered = new Set<InstrumentId>();
  return (u) => {
    if (!registered.has(u)) {
      const req: BotRequirements = { instruments: [], series: [], indicators: [], priceAction: [{ instrumentId: u, timeframe: ML_TIMEFRAME, warmUp: ML_PRICE_ACTION_WARM_UP }], chains: [], ivHistory: [] };
      studies.require(req, market);
      registered.add(u);
    }
    const r = studies.priceAction(u, ML_TIMEFRAME);
    if (!r) return undefined;
    const e = r.state.structure;
    return { close: r.state.price, ...(e ? { lastBreak: { side: e.side, kind: e.kind, level: e.level, tsKnown: e.tsKnown, barsAgo: r.barIndex - e.knownAtIndex } } : {}) };
  };
}
