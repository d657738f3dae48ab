import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import { nearestStrike, spreadPct, type OptionChain } from '#options/chain';
import type { Underlying } from '#options/contract-specs';
import type { BotContext } from '../contract/context.ts';
import { entryIntent, limitPremium, toPaise } from '../buyers/buyer-actions.ts';
import { buyerPlaybook } from '../buyers/buyer-params.ts';
import { positionLabel, type BuyerLeg, type BuyerPosition } from '../buyers/buyer-position.ts';
import { buyerSources } from '../buyers/buyer-sources.ts';
import { readIvLevels } from '../buyers/iv-levels.ts';
import { legInputs, legInstrument, quoteAt, touchPrice, VIX_ID } from '../common/chain-legs.ts';
import { decide, toSignal, type Gate } from '../signals/pipeline.ts';
import { chooseStrikes, expiryInWindow, type StrikeChoice } from './contract-choice.ts';
import { readDirection } from './direction.ts';
import type { ExpanderParams } from './params.ts';
import { compressionGates, ivGates, volumeGate, type SetupReading } from './setup.ts';
import { premiumLots } from './sizing.ts';
import type { ExpanderState } from './state.ts';

type Ctx = BotContext<ExpanderParams, ExpanderState>;

export const EXPANDER = 'volatility-expander';

/** 1-minute bars kept for today's session VWAP: a whole NSE session and some. */
export const SESSION_BARS = 400;

export interface EntryStep {
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
  readonly position: BuyerPosition | undefined;
  /** Premium the entry sends, rupees at its limit prices. */
  readonly cost: number;
}

function atmIvOf(chain: OptionChain | undefined): number | undefined {
  if (!chain) return undefined;
  const atm = nearestStrike(chain.rows, chain.spot);
  const ce = quoteAt(chain, atm, 'CE')?.iv;
  const pe = quoteAt(chain, atm, 'PE')?.iv;
  return ce !== undefined && pe !== undefined ? (ce + pe) / 2 : undefined;
}

function contractGates(ctx: Ctx, chain: OptionChain, choice: StrikeChoice | undefined, out: SetupReading): void {
  const p = ctx.params;
  if (!choice || choice.legs.some((l) => !l.quote)) {
    out.gates.push({ name: 'chain', passed: false, reason: `no quotes at the ${chain.underlying} ${chain.expiry} strikes near spot ${chain.spot}` });
    return;
  }
  const wide = choice.legs.filter((l) => !(spreadPct(l.quote!) < p.maxSpreadPct));
  const spreads = choice.legs.map((l) => `${l.strike} ${l.right} ${spreadPct(l.quote!).toFixed(2)} %`).join(', ');
  out.gates.push({ name: 'spread', passed: wide.length === 0, reason: `bid-ask ${spreads} ${wide.length === 0 ? '<' : 'not all <'} ${p.maxSpreadPct} %` });
  const aims = `${choice.moneyness === 'atm' ? 'ATM' : '1 strike OTM'}: ${choice.aims}`;
  if (p.greekAims === 'require') out.gates.push({ name: 'greeks', passed: choice.aimsMet, reason: `vega and theta aims ${choice.aimsMet ? 'met' : 'not met'} (${aims})` });
  else if (!choice.aimsMet) out.notes.push(`vega and theta aims not met by ATM or 1 strike OTM: ${aims} taken (greekAims = prefer)`);
  for (const [k, l] of choice.legs.entries()) Object.assign(out.inputs, legInputs(`leg${k + 1}`, l.quote), { [`leg${k + 1}Vega`]: l.quote!.vega ?? null, [`leg${k + 1}Theta`]: l.quote!.theta ?? null });
}

/** The bars (oldest first) that start at `from` or later: the session's, found from the end. */
function barsSince(bars: readonly Bar[], from: number): readonly Bar[] {
  let i = bars.length;
  while (i > 0 && bars[i - 1]!.tsStart >= from) i--;
  return bars.slice(i);
}

/**
 * The setup check: IV percentile < 30 and IV rank < 20, compression (Bollinger bandwidth < 1 % of price,
 * Bollinger inside Keltner, ATR < 0.5 % of price, 3-day volume < 50 % of 20-day), direction from VWAP
 * and money flow, ATM or 1 strike OTM 15–25 days out, sized by premium: 1 % of capital a trade, 5 % a
 * day, 4 positions at most. Every check runs, so a filtered signal lists everything that failed.
 */
export function expanderEntry(
  ctx: Ctx,
  underlying: Underlying,
  index: InstrumentId,
  book: { readonly positions: readonly BuyerPosition[]; readonly deployedToday: number },
): EntryStep {
  const { deployedToday } = book;
  const p = ctx.params;
  const out: SetupReading = { gates: [], notes: [], inputs: {}, margins: [] };
  const window = expiryInWindow(ctx.calendar, ctx.now, underlying, p.minDaysToExpiry, p.maxDaysToExpiry);
  const chain = window ? ctx.chain(underlying, window.expiry.date) : undefined;
  ivGates(readIvLevels(ctx, underlying, atmIvOf(chain), { lookbackDays: p.ivLookbackDays, minDays: p.ivMinDays }), p, out);
  compressionGates(ctx, index, out);
  volumeGate(ctx, index, out);

  const market = ctx.market(index);
  const close = market.lastBar('1m')?.close ?? chain?.spot ?? NaN;
  const sessionOpen = ctx.calendar.session?.open ?? ctx.now;
  const dir = readDirection(close, barsSince(market.bars('1m', SESSION_BARS), sessionOpen), market.bars(p.setupTimeframe, p.accumulationBars), p.moneyFlowThreshold);
  out.notes.push(...dir.notes);

  out.gates.push(
    window
      ? { name: 'expiry', passed: true, reason: `${underlying} ${window.expiry.date} is ${window.days.toFixed(1)} days away (${p.minDaysToExpiry}–${p.maxDaysToExpiry})` }
      : { name: 'expiry', passed: false, reason: `no ${underlying} expiry ${p.minDaysToExpiry}–${p.maxDaysToExpiry} days away` },
  );
  const choice = chain ? chooseStrikes(chain, dir.direction, p) : undefined;
  if (window && !chain) out.gates.push({ name: 'chain', passed: false, reason: `no ${underlying} ${window.expiry.date} chain quoted` });
  if (chain) contractGates(ctx, chain, choice, out);

  const active = book.positions.filter((x) => x.phase !== 'exiting');
  const limit = Math.min(p.maxPositions, ctx.capital.maxPositions);
  out.gates.push({ name: 'positions', passed: active.length < limit, reason: `${active.length} position(s) open, at most ${limit}` });
  const legs: BuyerLeg[] | undefined =
    chain && choice && choice.legs.every((l) => l.quote) ? choice.legs.map((l) => ({ instrumentId: legInstrument(chain, l.strike, l.right), right: l.right, strike: l.strike, quantity: 1 })) : undefined;
  const held = legs && book.positions.find((x) => x.legs.some((a) => legs.some((b) => a.instrumentId === b.instrumentId)));
  if (held) out.gates.push({ name: 'duplicate', passed: false, reason: `already holds ${positionLabel(held)}` });

  const view = buyerPlaybook(ctx.calendar, underlying, p);
  const lotSize = ctx.specs.specOn(underlying, ctx.calendar.today, window?.expiry.date).lotSize;
  const perUnit = chain && choice && legs ? toPaise(choice.legs.reduce((s, l) => s + touchPrice(l.quote!, 'BUY', chain.tickSize), 0)) : undefined;
  const size = perUnit ? premiumLots(perUnit * lotSize, { perTradePct: p.capitalPerTradePct, perDayPct: p.maxDeployedPerDayPct, deployedToday }, ctx.capital, view) : undefined;
  if (size) {
    out.gates.push(size.gate);
    out.notes.push(...size.notes);
  }

  const vix = ctx.market(VIX_ID).lastTick()?.ltp;
  const enh = buyerSources(ctx, { index, timeframe: p.signalTimeframe, vix, direction: dir.direction, layers: [] });
  const strength = out.margins.length > 0 ? out.margins.reduce((a, b) => a + b, 0) / out.margins.length : 0;
  const gates: Gate[] = [...out.gates, { name: 'direction', passed: true, reason: dir.reason }];
  const decision = decide({
    kind: 'entry',
    rule: `${EXPANDER}/entry`,
    underlying: index,
    direction: dir.direction,
    strength,
    inputs: {
      spot: chain?.spot ?? close,
      expiry: window?.expiry.date ?? null,
      daysToExpiry: window ? Number(window.days.toFixed(2)) : null,
      vwap: dir.vwap === undefined ? null : Number(dir.vwap.toFixed(2)),
      moneyFlow: dir.moneyFlow === undefined ? null : Number(dir.moneyFlow.toFixed(4)),
      premiumPerUnit: perUnit ?? null,
      lots: size?.lots ?? 0,
      lotSize,
      deployedToday,
      vix: vix ?? null,
      ...out.inputs,
      ...enh.inputs,
    },
    sources: enh.sources,
    regime: enh.regime,
    gates,
    validate: 'none',
    notes: out.notes,
  });
  if (!decision.taken || !chain || !legs || !size || !window) return { intents: [], signals: [toSignal(ctx, decision)], position: undefined, cost: 0 };

  const qty = size.lots * lotSize;
  const sized = legs.map((l) => ({ ...l, quantity: qty }));
  const what = `bought ${size.lots} lot(s) ${positionLabel({ underlying, expiry: window.expiry.date, legs: sized })}`;
  const intent = entryIntent(ctx, p.product, sized, chain, `${EXPANDER}: ${what}`);
  const premium = limitPremium(intent);
  const iv = choice!.legs.every((l) => l.quote!.iv !== undefined) ? choice!.legs.reduce((s, l) => s + l.quote!.iv!, 0) / choice!.legs.length : null;
  const signal = toSignal(ctx, decision, [intent.intentId], `${what} at ${premium}`);
  const position: BuyerPosition = {
    underlying,
    expiry: window.expiry.date,
    direction: dir.direction,
    phase: 'entering',
    entry: sized.length === 1 ? 'order' : 'structure',
    intentId: intent.intentId,
    legs: sized,
    entryPremium: premium,
    entryIv: iv,
    sentAt: ctx.now,
    peakPremium: premium,
    warned: [],
  };
  return { intents: [intent], signals: [signal], position, cost: toPaise(premium * qty) };
}
