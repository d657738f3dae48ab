import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { tableSpecs } from '#options/contract-specs';
import { InstrumentRegistry } from './instrument-registry.ts';

const registry = new InstrumentRegistry(tableSpecs, new SimClock(istToEpoch(2026, 11, 25, 10, 0)));

describe('instrument registry', () => {
  it('describes an NFO option or future from its OpenAlgo symbol, lot size from the dated specs', () => {
    expect(registry.tradable(instrumentId('NFO', 'NIFTY01DEC2626000CE'))).toMatchObject({
      kind: 'option',
      underlying: 'NIFTY',
      strike: 26000,
      right: 'CE',
      lotSize: 65,
      expiry: istToEpoch(2026, 12, 1, 15, 30),
    });
    expect(registry.tradable(instrumentId('BFO', 'SENSEX26NOV26FUT'))).toMatchObject({ kind: 'future', underlying: 'SENSEX', lotSize: 20 });
  });

  it('knows nothing it cannot describe: indices, cash, another exchange’s contract, unknown underlyings', () => {
    for (const id of ['NSE_INDEX:NIFTY', 'NSE:SBIN', 'BFO:NIFTY01DEC2626000CE', 'NFO:RELIANCE30DEC261400CE', 'NFO:NIFTY31FEB2626000CE']) {
      expect(registry.tradable(instrumentId(...(id.split(':') as [string, string]))), id).toBeUndefined();
    }
  });
});
