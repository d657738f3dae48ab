import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { DEFAULT_CONFIG } from '#config/defaults';
import { QuoteBook } from '#execution/quotes';
import { CE_26000, TRADE_START, quote } from '#execution/testing/fixtures';
import { tableSpecs } from '#options/contract-specs';
import { InstrumentRegistry } from './trading/instrument-registry.ts';
import { PAPER_QUOTE_MAX_AGE_MS, paperQuoteLimit } from '#execution/brokers/paper/paper-config';
import { chooseBroker, paperTrading } from './trading-wiring.ts';

describe('which broker a mode may use', () => {
  it('takes the mode’s own broker when none is named', () => {
    expect(chooseBroker('simulation', undefined, 'c.json')).toEqual({ ok: true, value: 'paper' });
    expect(chooseBroker('paper', undefined, 'c.json')).toEqual({ ok: true, value: 'paper' });
    expect(chooseBroker('live', undefined, 'c.json')).toEqual({ ok: true, value: 'openalgo' });
    expect(chooseBroker('paper', 'openalgo-analyzer', 'c.json')).toEqual({ ok: true, value: 'openalgo-analyzer' });
  });

  it.each([
    ['simulation', 'openalgo-analyzer', /simulation trades the simulated market/],
    ['paper', 'openalgo', /paper mode never sends real orders; for real orders set "mode": "live"/],
    ['live', 'paper', /live mode sends real orders through OpenAlgo/],
    ['live', 'openalgo-analyzer', /Set "execution.broker" to "openalgo" \(or remove it\) in c.json/],
  ] as const)('refuses %s mode with %s, naming the fix', (mode, broker, message) => {
    const r = chooseBroker(mode, broker, 'c.json');
    expect(!r.ok && r.error).toMatch(message);
  });
});

describe('the paper broker a mode builds', () => {
  const place = async (simulatedOptions: boolean, ageMs: number) => {
    const clock = new SimClock(TRADE_START);
    const quotes = new QuoteBook();
    const instruments = new InstrumentRegistry(tableSpecs, clock);
    instruments.register(CE_26000);
    quotes.set(quote(CE_26000.id, 120, 120.5, clock.now()));
    const { broker } = paperTrading(DEFAULT_CONFIG, clock, 's1', simulatedOptions).broker({ quotes, instruments });
    clock.advanceBy(ageMs);
    const r = await broker.place({ strategy: 'b1', instrumentId: CE_26000.id, side: 'BUY', quantity: 75, type: 'MARKET', product: 'NRML' });
    return r.ok ? 'filled' : r.error.message;
  };

  it('on OpenAlgo’s quotes (paper mode) refuses a quote over two minutes old; in simulation it has no such limit', async () => {
    expect(await place(false, PAPER_QUOTE_MAX_AGE_MS)).toBe('filled');
    expect(await place(false, PAPER_QUOTE_MAX_AGE_MS + 1000)).toMatch(/is 121 s old \(over 120 s\): no paper fill on an old price/);
    expect(await place(true, 3_600_000)).toBe('filled');
    // The engine hands shadow variants' paper brokers the same limit (engine.ts → bot-shadow-wiring.ts).
    expect([paperQuoteLimit(false), paperQuoteLimit(true)]).toEqual([{ maxQuoteAgeMs: PAPER_QUOTE_MAX_AGE_MS }, {}]);
  });
});
