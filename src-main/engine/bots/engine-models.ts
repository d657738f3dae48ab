import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { Fill } from '#model/fill';
import type { MarketData } from '#market/market-data';
import { ruleRegime } from '#bots/signals/regime';
import { DEFAULT_WEIGHTS } from '#bots/signals/source';
import { err, ok } from '#core/result';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { InstrumentId } from '#model/ids';
import { createModelService, type ModelService, type RetrainOptions } from '#ml/service/model-service';
import { createRetrainJobs, type RetrainJobs } from '#ml/service/retrain-jobs';
import { historyTrainingInput } from '#ml/training/history-input';
import type { Store } from '#store/database';
import { ModelRegistryRepository } from '#store/model-registry-repository';
import { serviceModels, type BotModelsPort } from './bot-models.ts';

/** Where the models are: the app's shipped defaults and the data folder's trained and imported ones. */
export interface ModelDirs {
  /** `resources/models` of the app. */
  readonly shippedDir: string;
  /** `models/` in the data folder. */
  readonly modelsDir: string;
}

/** Engine seconds between two looks at the registry for a promotion made by another process. */
export const MODEL_SYNC_SECONDS = 30;

/** What the shells reach of the ML layer: the model service (registry, promotion, rollback, import) and retraining in the app. */
export type ModelsApi = ModelService & { readonly jobs: RetrainJobs };

export interface EngineModels {
  readonly service: ModelService;
  readonly api: ModelsApi;
  readonly port: BotModelsPort;
  /** Registers the shipped defaults and loads the active models (at engine start, before any bot runs). */
  start(): void;
  /** Called each engine second: every `MODEL_SYNC_SECONDS` it puts in force a promotion made elsewhere. */
  tick(): void;
  /** Every fill of a bot's order (after the order manager resumed): a trade it closes rewards the bot's threshold bandit. */
  onFill(fill: Fill, botId: string): void;
  close(): void;
}

/**
 * The ML layer as the engine runs it: the model service on the store's registry, reading the engine's
 * closed bars, with the rule-based regime as its fallback. Loading happens once at start, off the tick
 * and bar path; a model that fails to load leaves its source "not available" and the bots trading.
 * Each bot's threshold bandit is rewarded by the trades its fills close.
 */
export function createEngineModels(o: {
  readonly dirs: ModelDirs;
  readonly store: Pick<Store, 'sqlite'>;
  readonly clock: Clock;
  readonly marketData: MarketData;
  readonly logger: Logger;
  /** Epochs and batch sizes for retraining in the app (tests make it quick); default each model's own. */
  readonly fit?: RetrainOptions['fit'];
}): EngineModels {
  const registry = new ModelRegistryRepository(o.store.sqlite);
  const service = createModelService({
    registry,
    clock: o.clock,
    shippedDir: o.dirs.shippedDir,
    modelsDir: o.dirs.modelsDir,
    market: (id) => o.marketData.view(id),
    fallbackRegime: ruleRegime(),
    defaultWeights: DEFAULT_WEIGHTS,
    log: (level, message) => o.logger[level]({ component: 'ml' }, message),
  });
  const cache = createSqliteBarCache(o.store.sqlite);
  const jobs = createRetrainJobs({
    clock: o.clock,
    retrain: (input, options) => service.retrain(input, options),
    ...(o.fit ? { fit: o.fit } : {}),
    input: async (r) => {
      const got = await historyTrainingInput(cache, r.instruments as InstrumentId[], r.from ?? 0, r.to ?? o.clock.now());
      if (got.input.series.length === 0) return err(`no bars stored for ${r.instruments.join(', ')} in that range: import history first (Settings → Data, or npm run import:csv)`);
      return ok({ input: got.input, lines: got.lines });
    },
  });
  let seconds = 0;
  return {
    service,
    api: { ...service, jobs },
    port: serviceModels(service),
    start() {
      for (const p of registry.problems) o.logger.warn({ component: 'ml' }, p);
      service.start();
    },
    tick() {
      if (++seconds % MODEL_SYNC_SECONDS !== 0) return;
      for (const kind of service.sync()) o.logger.info({ component: 'ml', kind }, 'model promoted elsewhere is now in force');
    },
    onFill(fill, botId) {
      const closed = service.observeFill(botId, fill);
      if (closed) o.logger.debug({ component: 'ml', botId, pnl: closed.pnl, risk: closed.risk }, 'closed trade credited to the threshold bandit');
    },
    close: () => service.close(),
  };
}
