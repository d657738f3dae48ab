import { botId as toBotId, type BotId } from '#model/ids';
import { createShadowHost, type ShadowHostDeps } from '#engine/shadow/shadow-host';
import type { BotEventLoop } from './bot-event-loop.ts';
import type { BotHost } from './bot-host.ts';
import type { BotServiceDeps } from './bot-service-deps.ts';

export interface ShadowWiring {
  readonly shared: ShadowHostDeps['shared'];
  readonly host: BotHost;
  /** A variant's fill reaches its onFill hook through the manager's event loop. */
  readonly loop: Pick<BotEventLoop, 'onFill'>;
  readonly realFills: (id: BotId) => ReturnType<ShadowHostDeps['realFills']>;
  /** The manager's audited configure, committing. */
  readonly configure: ShadowHostDeps['promote'];
}

/**
 * The shadow A/B variants beside the bots: their own order paths only where the engine has quotes to fill
 * them against, the bots' limits, and promotion through the manager's own audited change.
 */
export function createBotShadows(deps: BotServiceDeps, wiring: ShadowWiring) {
  const { clock, logger, config } = deps;
  const { host } = wiring;
  return createShadowHost({
    clock,
    logger,
    sqlite: deps.store.sqlite,
    shared: wiring.shared,
    ...(deps.quotes
      ? {
          paths: {
            clock,
            logger,
            quotes: deps.quotes,
            instruments: deps.instruments,
            market: deps.market,
            limits: () => config.risk,
            specs: deps.specs,
            paper: { seed: config.simulation.seed, ...deps.shadowPaper },
            mainFile: deps.store.sqlite.name,
            session: deps.session,
            ...(deps.shadowChecks ? { extraBookChecks: deps.shadowChecks } : {}),
          },
        }
      : {}),
    limits: () => config.risk,
    realRunner: (id) => host.runners.find((r) => r.botId === id),
    require: (r) => host.require(r),
    notifyFill: (fill, id) => wiring.loop.onFill(fill, id),
    realFills: (id) => wiring.realFills(toBotId(id)),
    promote: wiring.configure,
    audit: (kind, payload) => deps.audit.record(kind, 'trader', payload, typeof payload.botId === 'string' ? payload.botId : undefined),
  });
}
