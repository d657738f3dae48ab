import { describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId, intentId } from '#model/ids';
import type { Order } from '#model/order';
import { emptyPosition, type Position } from '#model/position';
import type { BotContext, BotStructureView } from '../contract/context.ts';
import type { BuyerPosition } from './buyer-position.ts';
import { syncBuyer } from './buyer-sync.ts';

const CE = instrumentId('NFO', 'NIFTY25AUG2625300CE');
const T0 = 1_787_000_000_000;
const entering: BuyerPosition = {
  underlying: 'NIFTY',
  expiry: '2026-08-25',
  direction: 'long',
  phase: 'entering',
  entry: 'order',
  intentId: 'in-1',
  legs: [{ instrumentId: CE, right: 'CE', strike: 25_300, quantity: 130 }],
  entryPremium: 199.35,
  entryIv: 0.18,
  sentAt: T0,
  peakPremium: 199.35,
  warned: [],
};
const held = (netQuantity: number, avgPrice = 199.1): Position => ({ ...emptyPosition(CE), netQuantity, avgPrice, buyQuantity: netQuantity });
const order = (o: Partial<Order> = {}): Order => ({
  clientOrderId: clientOrderId('o-1'),
  intentId: intentId('in-1'),
  instrumentId: CE,
  side: 'BUY',
  type: 'LIMIT',
  product: 'MIS',
  quantity: 130,
  limitPrice: 199.35,
  status: 'accepted',
  filledQuantity: 0,
  avgFillPrice: 0,
  tradeIds: [],
  tsInit: T0,
  tsLast: T0,
  ...o,
});
const ctx = (now: number, positions: Position[], openOrders: Order[] = [], structures: BotStructureView[] = []) => ({ now, positions, openOrders, structures }) as unknown as BotContext<unknown, unknown>;

describe('buyer positions follow execution', () => {
  it('a single leg opens at its average fill price', () => {
    expect(syncBuyer(entering, ctx(T0 + 60_000, [held(130)]))).toMatchObject({ event: 'opened', position: { phase: 'open', entryPremium: 199.1, peakPremium: 199.1, openedAt: T0 + 60_000 } });
  });

  it('waits while the entry order works; opens with what filled when it ends part-filled', () => {
    expect(syncBuyer(entering, ctx(T0 + 60_000, [held(65)], [order({ status: 'partially-filled', filledQuantity: 65 })])).event).toBe('none');
    const partial = syncBuyer(entering, ctx(T0 + 120_000, [held(65)]));
    expect(partial).toMatchObject({ event: 'opened', detail: 'partly filled: 65 of 130 at 199.1', position: { legs: [{ quantity: 65 }] } });
  });

  it('an entry refused with nothing filled is dropped, but not within the minute it was sent', () => {
    expect(syncBuyer(entering, ctx(T0, [])).event).toBe('none');
    expect(syncBuyer(entering, ctx(T0 + 60_000, []))).toEqual({ position: undefined, event: 'entry-failed', detail: 'the entry order was refused, rejected or cancelled with nothing filled' });
  });

  it('an exit: closed when flat, sent again when nothing works on the leg a minute on, left alone while an order works', () => {
    const exiting: BuyerPosition = { ...entering, phase: 'exiting', openedAt: T0, exitSentAt: T0 + 600_000 };
    expect(syncBuyer(exiting, ctx(T0 + 660_000, [held(0)])).event).toBe('closed');
    expect(syncBuyer(exiting, ctx(T0 + 630_000, [held(130)])).event).toBe('none');
    expect(syncBuyer(exiting, ctx(T0 + 660_000, [held(130)], [order({ side: 'SELL', intentId: intentId('in-2') })])).event).toBe('none');
    expect(syncBuyer(exiting, ctx(T0 + 660_000, [held(130)]))).toMatchObject({ event: 'exit-stalled', detail: `130 units of ${CE} still held and no exit order working` });
  });

  it('an open leg no longer held was closed outside the bot (a kill switch, the trader)', () => {
    expect(syncBuyer({ ...entering, phase: 'open' }, ctx(T0 + 60_000, []))).toMatchObject({ event: 'closed', detail: `${CE} is no longer held (closed outside the bot)` });
  });

  it('a straddle follows its structure: open, denied, orphaned', () => {
    const straddle: BuyerPosition = { ...entering, direction: 'neutral', entry: 'structure', legs: [entering.legs[0]!, { ...entering.legs[0]!, instrumentId: instrumentId('NFO', 'NIFTY25AUG2625300PE'), right: 'PE' }] };
    const view = (status: BotStructureView['status']): BotStructureView[] => [
      {
        structureId: 'st-1' as BotStructureView['structureId'],
        intentId: intentId('in-1'),
        kind: 'straddle',
        status,
        legs: straddle.legs.map((l, i) => ({ instrumentId: l.instrumentId as BotStructureView['legs'][number]['instrumentId'], side: 'BUY', quantity: 130, heldQuantity: 130, entryPrice: i === 0 ? 199.1 : 180.4 })),
        tsInit: T0,
      },
    ];
    expect(syncBuyer(straddle, ctx(T0 + 60_000, [], [], view('open')))).toMatchObject({ event: 'opened', position: { structureId: 'st-1', entryPremium: 379.5 } });
    expect(syncBuyer(straddle, ctx(T0 + 60_000, [], [], view('denied'))).event).toBe('entry-failed');
    expect(syncBuyer(straddle, ctx(T0 + 60_000, [], [], view('orphaned'))).event).toBe('stuck');
  });
});
