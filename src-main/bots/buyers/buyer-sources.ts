import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { SignalDirection, SignalInput } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import { confirmationSource, type ConfirmationLayer } from '../signals/confirmation-source.ts';
import { priceActionSource } from '../signals/price-action-source.ts';
import { readRegimeInputs, type RegimeReading } from '../signals/regime.ts';
import type { SourceView } from '../signals/source.ts';
import { technicalSource } from '../signals/technical-source.ts';

export interface BuyerSignalSources {
  readonly sources: SourceView[];
  /** The ML source's own view, for the rules that read its confidence. */
  readonly ml: SourceView;
  readonly regime: RegimeReading | undefined;
  readonly inputs: Record<string, SignalInput>;
}

/**
 * The enhancement sources of a buyer's rule signal: the context's ML slot (asked about the rule's
 * direction), technical indicators and the price-action composite on the signal timeframe, the bot's
 * confirmation layers (none: not applicable), and the context's regime.
 */
export function buyerSources<P, S>(
  ctx: BotContext<P, S>,
  o: {
    readonly index: InstrumentId;
    readonly timeframe: Timeframe;
    readonly vix: number | undefined;
    readonly direction: SignalDirection;
    readonly layers: readonly ConfirmationLayer[];
  },
): BuyerSignalSources {
  const close = ctx.market(o.index).lastBar(o.timeframe)?.close ?? NaN;
  const regime = ctx.models.regime.classify(readRegimeInputs(ctx, o.index, o.timeframe, o.vix));
  const ml = ctx.models.ml.evaluate({ underlying: o.index, now: ctx.now, direction: o.direction });
  const sources = [ml, technicalSource(ctx.studies, o.index, o.timeframe, close), priceActionSource(ctx.studies.priceAction(o.index, o.timeframe)), confirmationSource(o.direction, o.layers)];
  return { sources, ml, regime, inputs: { regime: regime?.regime ?? null, regimeReason: regime?.reason ?? 'regime studies warming up' } };
}
