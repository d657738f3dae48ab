import type { Clock } from '#core/clock';
import type { SignalSource } from '#model/signal';
import { HitRates, type ObservedSignal } from '../ensemble/hit-rates.ts';
import type { AdaptiveThresholds, AdaptiveWeights, MarketAccess } from '../ports.ts';
import type { ModelRegistryPort } from '../registry/registry-port.ts';
import { ThresholdBandit, type ClosedTrade } from '../thresholds/threshold-bandit.ts';
import { TradeEpisodes } from '../thresholds/trade-episodes.ts';
import type { Fill } from '#model/fill';

const HIT_RATES_KEY = 'hit-rates';
const EPISODES_KEY = 'trade-episodes';
const banditKey = (bot: string) => `threshold-bandit:${bot}`;

/**
 * The two learners beside the models: source hit rates (the ensemble's weights) and one entry-threshold
 * bandit per bot, each persisted in the registry's learner-state table as it changes, so a restart picks
 * up where it left off. An unreadable state is reported and replaced by a fresh one, never fatal.
 */
export function createLearners(o: { readonly registry: ModelRegistryPort; readonly clock: Clock; readonly market: MarketAccess; readonly defaults: Readonly<Record<SignalSource, number>>; readonly warn: (m: string) => void }) {
  const hitRates = new HitRates({ market: o.market, defaults: o.defaults });
  const stored = o.registry.loadState(HIT_RATES_KEY);
  if (stored !== undefined) {
    const problem = hitRates.restore(parse(stored));
    if (problem) o.warn(problem);
  }
  const restored = TradeEpisodes.restore(parse(o.registry.loadState(EPISODES_KEY) ?? '{}'));
  if (restored.problem) o.warn(restored.problem);
  const episodes = restored.episodes;
  const bandits = new Map<string, ThresholdBandit>();
  const saveHitRates = () => o.registry.saveState(HIT_RATES_KEY, JSON.stringify(hitRates.snapshot()), o.clock.now());

  function bandit(bot: string): ThresholdBandit {
    let b = bandits.get(bot);
    if (b) return b;
    const raw = o.registry.loadState(banditKey(bot));
    if (raw === undefined) b = new ThresholdBandit();
    else {
      const r = ThresholdBandit.restore(parse(raw));
      if (r.problem) o.warn(`${bot}: ${r.problem}`);
      b = r.bandit;
    }
    bandits.set(bot, b);
    return b;
  }

  function recordTrade(bot: string, trade: ClosedTrade): void {
    const b = bandit(bot);
    b.record(trade);
    o.registry.saveState(banditKey(bot), JSON.stringify(b.state()), o.clock.now());
  }

  return {
    weights(): AdaptiveWeights | undefined {
      if (hitRates.resolve(o.clock.now())) saveHitRates();
      return hitRates.weights();
    },
    thresholds(bot: string, now: number): AdaptiveThresholds {
      const b = bandit(bot);
      const newDay = b.choosesAt(now);
      const t = b.thresholds(now);
      if (newDay) o.registry.saveState(banditKey(bot), JSON.stringify(b.state()), now);
      return t;
    },
    observeSignal(signal: ObservedSignal): void {
      hitRates.observe(signal);
      saveHitRates();
    },
    recordTrade,
    /** A bot's fill: the trade it closes, if any, rewards that bot's bandit. */
    recordFill(bot: string, fill: Fill): ClosedTrade | undefined {
      const closed = episodes.onFill(bot, fill);
      o.registry.saveState(EPISODES_KEY, JSON.stringify(episodes.state()), o.clock.now());
      if (closed) recordTrade(bot, closed);
      return closed;
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
