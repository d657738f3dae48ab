import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { MarketData } from '#market/market-data';
import { ruleRegime } from '#bots/signals/regime';
import { DEFAULT_WEIGHTS } from '#bots/signals/source';
import { createModelService, type ModelService } from '#ml/service/model-service';
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

export interface EngineModels {
  readonly service: ModelService;
  readonly port: BotModelsPort;
  /** Registers the shipped defaults and loads the active models (at engine start, before any bot runs). */
  start(): void;
  /** Called each engine second: every `MODEL_SYNC_SECONDS` it puts in force a promotion made elsewhere. */
  tick(): void;
  close(): void;
}

/**
 * The ML layer as the engine runs it: the model service on the store's registry, reading the engine's
 * closed bars, with the rule-based regime as its fallback. Loading happens once at start, off the tick
 * and bar path; a model that fails to load leaves its source "not available" and the bots trading.
 * The threshold bandit stays off: no closed trade is fed to it yet, so it could only wander.
 */
export function createEngineModels(o: { readonly dirs: ModelDirs; readonly store: Pick<Store, 'sqlite'>; readonly clock: Clock; readonly marketData: MarketData; readonly logger: Logger }): EngineModels {
  const registry = new ModelRegistryRepository(o.store.sqlite);
  const service = createModelService({
    registry,
    clock: o.clock,
    shippedDir: o.dirs.shippedDir,
    modelsDir: o.dirs.modelsDir,
    market: (id) => o.marketData.view(id),
    fallbackRegime: ruleRegime(),
    defaultWeights: DEFAULT_WEIGHTS,
    adaptiveThresholds: false,
    log: (level, message) => o.logger[level]({ component: 'ml' }, message),
  });
  let seconds = 0;
  return {
    service,
    port: serviceModels(service),
    start() {
      for (const p of registry.problems) o.logger.warn({ component: 'ml' }, p);
      service.start();
    },
    tick() {
      if (++seconds % MODEL_SYNC_SECONDS !== 0) return;
      for (const kind of service.sync()) o.logger.info({ component: 'ml', kind }, 'model promoted elsewhere is now in force');
    },
    close: () => service.close(),
  };
}
