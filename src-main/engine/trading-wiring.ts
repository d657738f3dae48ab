import path from 'node:path';
import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import type { Config, TradingMode } from '#config/schema';
import type { OpenAlgoClient } from '#openalgo/client';
import { connectOpenAlgoBroker } from '#execution/brokers/openalgo/openalgo-broker';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import { paperQuoteLimit } from '#execution/brokers/paper/paper-config';
import type { TradingWiring } from './engine.ts';
import { fundsMargin } from './trading/funds-margin.ts';
import type { AccountProbe } from './trading/live-arming.ts';

export type BrokerChoice = 'paper' | 'openalgo-analyzer' | 'openalgo';

/** The file that keeps "remember for today" of a live arming, in the data folder. */
export const LIVE_ARMING_FILE = 'live-arming.json';

/**
 * Which broker a mode may use: simulation trades only on the embedded market (paper broker); paper mode
 * uses the paper broker or OpenAlgo's sandbox; live mode sends real orders through OpenAlgo. Anything else
 * is a contradiction in config.json, refused with the fix.
 */
export function chooseBroker(mode: TradingMode, configured: BrokerChoice | undefined, configFile: string): Result<BrokerChoice, string> {
  const allowed: Record<TradingMode, readonly BrokerChoice[]> = { simulation: ['paper'], paper: ['paper', 'openalgo-analyzer'], live: ['openalgo'] };
  const chosen = configured ?? (mode === 'live' ? 'openalgo' : 'paper');
  if (allowed[mode].includes(chosen)) return ok(chosen);
  const why: Record<TradingMode, string> = {
    simulation: 'simulation trades the simulated market through the paper broker; for OpenAlgo\'s sandbox set "mode": "paper"',
    paper: 'paper mode never sends real orders; for real orders set "mode": "live"',
    live: 'live mode sends real orders through OpenAlgo; for the paper broker or OpenAlgo\'s sandbox set "mode": "paper"',
  };
  return err(`"execution.broker": "${chosen}" cannot be used in ${mode} mode: ${why[mode]}. Set "execution.broker" to ${allowed[mode].map((b) => `"${b}"`).join(' or ')} (or remove it) in ${configFile}`);
}

/**
 * The paper broker: fills against the engine's own quotes; starting cash is the risk config's capital. Its
 * book lives in memory: the first reconciliation rebuilds it from the store (ids included, so none repeats).
 * Against a real feed (`simulatedOptions` false) it refuses to fill on a quote older than PAPER_QUOTE_MAX_AGE_MS (paper-config.ts).
 */
export function paperTrading(config: Config, clock: Clock, session: string, simulatedOptions: boolean): TradingWiring {
  return {
    session,
    simulatedOptions,
    broker: ({ quotes, instruments }) => {
      const paper = new PaperBroker({ clock, quotes, instruments, config: { cash: config.risk.capital, seed: config.simulation.seed, ...paperQuoteLimit(simulatedOptions) } });
      return { broker: paper, close: () => paper.close(), seed: (snapshot) => paper.restore(snapshot) };
    },
  };
}

export interface OpenAlgoTradingOptions {
  readonly client: OpenAlgoClient;
  readonly clock: Clock;
  readonly session: string;
  readonly choice: 'openalgo' | 'openalgo-analyzer';
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly logger: Logger;
}

/**
 * OpenAlgo as the broker, live or in its analyze sandbox. OpenAlgo's mode is checked before anything is
 * sent (a live OpenAlgo never takes the sandbox's orders, nor the reverse). Live orders wait for arming;
 * the account is the broker OpenAlgo's /ping names at its address. Free funds come from /funds.
 */
export async function openAlgoTrading(o: OpenAlgoTradingOptions): Promise<Result<TradingWiring, string>> {
  const mode = o.choice === 'openalgo' ? 'live' : 'analyzer';
  const connected = await connectOpenAlgoBroker({ client: o.client, clock: o.clock, mode, warn: (message) => o.logger.warn({ message }, 'OpenAlgo book row left out') });
  if (!connected.ok) return err(`cannot use OpenAlgo at ${o.baseUrl} as the ${o.choice} broker: ${connected.error.message}`);
  const broker = connected.value;
  const host = new URL(o.baseUrl).host;
  const probe: AccountProbe = async () => {
    const ping = await o.client.ping({});
    if (!ping.ok) return err(ping.error.message);
    const name = ping.value.data.broker;
    if (!name) return err('OpenAlgo did not say which broker it is logged in to');
    const funds = await o.client.funds({});
    return ok({ broker: name, host, ...(funds.ok ? { availableCash: funds.value.data.availablecash } : {}) });
  };
  const margin = fundsMargin({
    clock: o.clock,
    read: async () => {
      const f = await o.client.funds({});
      return f.ok ? ok(f.value.data.availablecash) : err(f.error.message);
    },
    onError: (message) => o.logger.warn({ message }, 'OpenAlgo funds could not be read; risk uses its margin estimate'),
  });
  return ok({
    session: o.session,
    simulatedOptions: false,
    broker: () => ({ broker }),
    margin,
    ...(o.choice === 'openalgo' ? { liveArming: { probe, file: path.join(o.dataDir, LIVE_ARMING_FILE) } } : {}),
  });
}
