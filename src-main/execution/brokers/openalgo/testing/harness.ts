import { WallClock, type Clock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import type { OptionInstrument } from '#model/instrument';
import { createOpenAlgoClient, type OpenAlgoClient } from '#openalgo/client';
import { expiryCodeFromDashed, parseExpiryCode } from '#openalgo/symbol-codec';
import type { BrokerContractHarness } from '#execution/testing/broker-contract';
import { connectOpenAlgoBroker, type OpenAlgoBroker } from '../openalgo-broker.ts';
import type { OpenAlgoTradingMode } from '../mode-guard.ts';

/**
 * Test support: the OpenAlgo broker over real loopback HTTP against a running OpenAlgo simulator. The
 * simulator is passed in (only test files may start one) and seen through the little it needs here.
 */
export interface SimInfo {
  readonly symbol: string;
  readonly exchange: string;
  readonly name: string;
  readonly instrumenttype: string;
  readonly expiry: string;
  readonly strike: number;
  readonly lotsize: number;
  readonly tick_size: number;
}

export interface SimUnderTest {
  readonly host: string;
  readonly market: {
    allInfos(): readonly SimInfo[];
    quote(exchange: string, symbol: string): { readonly bid: number; readonly ask: number } | undefined;
  };
  close(): Promise<void>;
}

/** The nearest-expiry call at `strike` in the simulator's chain, as the terminal's instrument. */
export function simCall(sim: SimUnderTest, underlying: string, strike: number): OptionInstrument {
  const calls = sim.market
    .allInfos()
    .filter((i) => i.name === underlying && i.instrumenttype === 'CE' && i.strike === strike)
    .map((i) => ({ info: i, code: expiryCodeFromDashed(i.expiry)! }))
    .map(({ info, code }) => ({ info, date: parseExpiryCode(code)! }))
    .sort((a, b) => istToEpoch(a.date.year, a.date.month, a.date.day) - istToEpoch(b.date.year, b.date.month, b.date.day));
  const first = calls[0];
  if (!first) throw new Error(`the simulator lists no ${underlying} ${strike} call`);
  const { info, date } = first;
  return {
    kind: 'option', id: instrumentId(info.exchange, info.symbol), symbol: info.symbol, exchange: 'NFO', tickSize: info.tick_size, underlying,
    expiry: istToEpoch(date.year, date.month, date.day, 15, 30), strike, right: 'CE', lotSize: info.lotsize,
  };
}

export interface OpenedBroker {
  readonly clock: Clock;
  readonly client: OpenAlgoClient;
  readonly broker: OpenAlgoBroker;
  readonly warnings: string[];
}

export async function openSimBroker(host: string, mode: OpenAlgoTradingMode, apiKey: string, options: { timeoutMs?: number } = {}): Promise<OpenedBroker> {
  const clock = new WallClock();
  const client = createOpenAlgoClient({ host, apiKey, clock, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  const warnings: string[] = [];
  const opened = await connectOpenAlgoBroker({ client, clock, mode, warn: (m) => warnings.push(m) });
  if (!opened.ok) throw new Error(`${opened.error.kind}: ${opened.error.message}`);
  return { clock, client, broker: opened.value, warnings };
}

/** The contract suite's view: `settle` reads the books as the order manager's poller does, which feeds the pushed updates. */
export function contractHarness(sim: SimUnderTest, broker: OpenAlgoBroker, instrument: OptionInstrument): BrokerContractHarness {
  return {
    broker,
    instrument,
    touch: () => {
      const q = sim.market.quote(instrument.exchange, instrument.symbol);
      if (!q) throw new Error(`no simulator quote for ${instrument.id}`);
      return { bid: q.bid, ask: q.ask };
    },
    settle: async () => {
      await broker.orderBook();
      await broker.tradeBook();
    },
    close: () => sim.close(),
  };
}
