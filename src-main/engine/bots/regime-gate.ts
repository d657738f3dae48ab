import type { MarketView } from '#market/multi-timeframe';
import type { InstrumentId } from '#model/ids';
import type { Underlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import type { BotRequirements } from '#bots/contract/requirements';
import type { RegimeInputs, RegimeReading, RegimeSource } from '#bots/contract/models';
import type { StudiesHub } from '#bots/context/studies';
import { REGIME_SPECS, regimeStudies, type Regime } from '#bots/signals/regime';
import { VIX_ID } from '#bots/common/chain-legs';

/** The timeframe the rule-based regime thresholds are set for (bots/signals/regime.ts). */
export const REGIME_TIMEFRAME = '5m';

export interface RegimeDecision {
  readonly allowed: boolean;
  /** Why: the regime and what decided it, or why it is not known yet. */
  readonly reason: string;
  readonly reading?: RegimeReading;
}

/**
 * The manager's regime hook: which bots may open positions now. It reads the same classifier port the
 * bots' validators read (`ctx.models.regime`: rules from ADX, ATR, Bollinger bandwidth and India VIX
 * today, the ML classifier later) on each underlying's 5-minute studies, and lets a bot open only in the
 * regimes its settings list. Exits and adjustments are never held back.
 */
export class RegimeGate {
  private readonly studies: StudiesHub;
  private readonly market: (id: InstrumentId) => MarketView;
  private readonly source: () => RegimeSource;

  constructor(studies: StudiesHub, market: (id: InstrumentId) => MarketView, source: () => RegimeSource) {
    this.studies = studies;
    this.market = market;
    this.source = source;
  }

  /** Registers the regime studies of these underlyings (folding the history the market holds). */
  require(underlyings: readonly Underlying[]): void {
    const indices = underlyings.map(underlyingIndexId);
    const req: BotRequirements = {
      instruments: [],
      series: indices.map((instrumentId) => ({ instrumentId, timeframe: REGIME_TIMEFRAME, bars: 120 })),
      indicators: indices.flatMap((id) => regimeStudies(id, REGIME_TIMEFRAME)),
      priceAction: [],
      chains: [],
      ivHistory: [],
    };
    this.studies.require(req, this.market);
  }

  inputs(underlying: Underlying): RegimeInputs {
    return this.indexInputs(underlyingIndexId(underlying));
  }

  /** The classifier's inputs on the index `id`'s 5-minute studies (the models' batch reads them ahead of the hook). */
  indexInputs(id: InstrumentId): RegimeInputs {
    const adx = this.studies.indicator(id, REGIME_TIMEFRAME, REGIME_SPECS.adx)?.values.adx;
    const atr = this.studies.indicator(id, REGIME_TIMEFRAME, REGIME_SPECS.atr)?.values.atr;
    const bb = this.studies.indicator(id, REGIME_TIMEFRAME, REGIME_SPECS.bollinger)?.values.bandwidth;
    const close = this.market(id).lastBar(REGIME_TIMEFRAME)?.close;
    const vix = this.market(VIX_ID).lastTick()?.ltp;
    return {
      ...(adx !== undefined ? { adx } : {}),
      ...(atr !== undefined && close ? { atrPct: (atr / close) * 100 } : {}),
      ...(bb !== undefined ? { bandwidthPct: bb * 100 } : {}),
      ...(vix !== undefined ? { vix } : {}),
    };
  }

  decide(underlying: Underlying, regimes: readonly Regime[]): RegimeDecision {
    const reading = this.source().classify(this.inputs(underlying));
    if (!reading) return { allowed: true, reason: `${underlying} regime not known yet (its 5-minute studies are warming up): not held back` };
    const allowed = regimes.includes(reading.regime);
    const why = `${underlying} is ${reading.regime} (${reading.source}: ${reading.reason})`;
    return {
      allowed,
      reading,
      reason: allowed ? why : `${why}; this bot opens only when ${regimes.length > 0 ? regimes.join(' or ') : '(no regime: opening is switched off)'}`,
    };
  }
}
