import { describe, expect, it } from 'vitest';
import { exerciseStt, fillCharges, ratesOn, roundTripCharges, sumCharges } from './charges.ts';

/**
 * Short NIFTY straddle, 1 lot of 75, on Tue 10 Jun 2025: sell CE @ 120 and PE @ 100, buy both back at
 * 80 and 60. Published rates in force (1 Oct 2024 → 31 Mar 2026): STT 0.1 % of sell premium, NSE
 * 0.03503 % + IPFT 0.0005 % of premium, SEBI ₹10/crore = 0.0001 %, stamp 0.003 % of buy premium, GST 18 %
 * on brokerage + exchange + IPFT + SEBI, brokerage ₹20 per order.
 *
 *   sell turnover = 120·75 + 100·75 = 9000 + 7500 = 16 500
 *   buy turnover  =  80·75 +  60·75 = 6000 + 4500 = 10 500;  total 27 000
 *   brokerage 4 × 20                    = 80.00
 *   STT       0.001 × 16 500            = 16.50
 *   exchange  0.0003503 × 27 000        =  9.4581
 *   IPFT      0.000005 × 27 000         =  0.135
 *   SEBI      0.000001 × 27 000         =  0.027
 *   stamp     0.00003 × 10 500          =  0.315
 *   GST       0.18 × (80 + 9.4581 + 0.135 + 0.027) = 0.18 × 89.6201 = 16.131618
 *   total                               = 122.566718
 */
const legs = (date: string) =>
  sumCharges([
    roundTripCharges({ date, instrument: 'option', exchange: 'NFO', quantity: 75, openSide: 'SELL', entry: 120, exit: 80 }),
    roundTripCharges({ date, instrument: 'option', exchange: 'NFO', quantity: 75, openSide: 'SELL', entry: 100, exit: 60 }),
  ]);

describe('F&O charges', () => {
  it('short straddle round trip on 2025-06-10 equals the hand calculation', () => {
    const c = legs('2025-06-10');
    expect(c.turnover).toBe(27_000);
    expect(c.brokerage).toBe(80);
    expect(c.stt).toBeCloseTo(16.5, 10);
    expect(c.exchange).toBeCloseTo(9.4581, 10);
    expect(c.ipft).toBeCloseTo(0.135, 10);
    expect(c.sebi).toBeCloseTo(0.027, 10);
    expect(c.stamp).toBeCloseTo(0.315, 10);
    expect(c.gst).toBeCloseTo(16.131618, 10);
    expect(c.total).toBeCloseTo(122.566718, 9);
  });

  it('applies rates by trade date: STT 0.15 % from 2026-04-01; before Oct 2024 the (unconfirmed) slab-era NSE rates', () => {
    // From 1 Apr 2026 only STT changes: 0.0015 × 16 500 = 24.75, so total = 122.566718 − 16.5 + 24.75.
    expect(legs('2026-04-06').total).toBeCloseTo(130.816718, 9);
    // 2 Sep 2024: STT 0.000625 × 16 500 = 10.3125; exchange 0.0005 × 27 000 = 13.5; IPFT 0.000005 × 27 000
    // = 0.135 (₹50/crore from 1 Apr 2023); GST 0.18 × (80 + 13.5 + 0.135 + 0.027) = 16.85916;
    // total 80 + 10.3125 + 13.5 + 0.135 + 0.027 + 0.315 + 16.85916.
    expect(legs('2024-09-02').total).toBeCloseTo(121.14866, 9);
    // 1 Sep 2022, inside the 6 % increase (1 Jan 2021 → 31 Mar 2023): STT 0.0005 × 16 500 = 8.25; exchange
    // 0.00053 × 27 000 = 14.31; no IPFT; GST 0.18 × (80 + 14.31 + 0.027) = 16.98066.
    expect(legs('2022-09-01').total).toBeCloseTo(119.88266, 9);
    expect(ratesOn('2020-12-31').nseOptions).toBe(0.0005);
    expect(ratesOn('2024-09-30').sttOptionSell).toBe(0.000625);
    expect(ratesOn('2024-10-01').sttOptionSell).toBe(0.001);
  });

  it('stamp duty only on buys, STT only on sells; futures brokerage is min(₹20, 0.03 %)', () => {
    const buy = fillCharges({ date: '2025-06-10', instrument: 'option', exchange: 'NFO', side: 'BUY', price: 100, quantity: 75 });
    expect(buy.stt).toBe(0);
    expect(buy.stamp).toBeCloseTo(0.225, 12);
    const fut = fillCharges({ date: '2025-06-10', instrument: 'future', exchange: 'NFO', side: 'BUY', price: 100, quantity: 75 });
    expect(fut.brokerage).toBeCloseTo(2.25, 12);
    expect(exerciseStt('2025-06-26', 50, 75)).toBeCloseTo(0.00125 * 50 * 75, 12);
  });
});
