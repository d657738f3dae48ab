import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import type { RiskGate } from '#risk/pre-trade';
import { openStore, type Store } from '#store/database';
import type { Broker } from '#execution/broker';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import type { PaperBrokerConfig } from '#execution/brokers/paper/paper-config';
import type { ExecutionConfig } from '#execution/config';
import { instrumentsFrom } from '#execution/instruments';
import { OrderManager } from '#execution/order-manager';
import { QuoteBook } from '#execution/quotes';
import { ALL_INSTRUMENTS, CE_26000, CE_26500, NIFTY_FUT, PE_25500, PE_26000, TRADE_START, quote } from './fixtures.ts';
import { allowAll } from './risk-gates.ts';

export interface HarnessOptions {
  readonly dir?: string;
  readonly risk?: RiskGate;
  readonly paper?: Partial<PaperBrokerConfig>;
  readonly config?: Partial<ExecutionConfig>;
  readonly wrap?: (paper: PaperBroker) => Broker;
  readonly startMs?: number;
  readonly session?: string;
}

/**
 * A whole order path on real parts: a SimClock, a quote book with the NIFTY fixtures quoted, the paper
 * broker (optionally wrapped, e.g. by FaultyBroker), and the order manager on a real SQLite file in a
 * temp folder. `reopen` closes the store and opens a new manager on the same file, as a restart does.
 */
export class ExecutionHarness {
  readonly dir: string;
  readonly clock: SimClock;
  readonly quotes = new QuoteBook();
  readonly instruments = instrumentsFrom(ALL_INSTRUMENTS);
  readonly paper: PaperBroker;
  readonly broker: Broker;
  readonly risk: RiskGate;
  store: Store;
  manager: OrderManager;
  private readonly options: HarnessOptions;

  constructor(options: HarnessOptions = {}) {
    this.options = options;
    this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'execution-'));
    this.clock = new SimClock(options.startMs ?? TRADE_START);
    this.risk = options.risk ?? allowAll();
    const t = this.clock.now();
    this.quotes.set(quote(CE_26000.id, 120, 120.5, t));
    this.quotes.set(quote(PE_26000.id, 110, 110.5, t));
    this.quotes.set(quote(CE_26500.id, 30, 30.5, t));
    this.quotes.set(quote(PE_25500.id, 35, 35.5, t));
    this.quotes.set(quote(NIFTY_FUT.id, 26100, 26100.5, t));
    this.paper = new PaperBroker({ clock: this.clock, quotes: this.quotes, instruments: this.instruments, config: { cash: 50_000_000, ...options.paper } });
    this.broker = options.wrap ? options.wrap(this.paper) : this.paper;
    this.store = this.openStore();
    this.manager = this.openManager(options.session ?? 's1');
  }

  get file(): string {
    return path.join(this.dir, 'terminal.sqlite');
  }

  /**
   * Lets pending promises run (the SimClock does not move). It does not wait for `settled`: a test may
   * hold a send in flight on purpose.
   */
  async flush(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }

  async advance(ms: number, stepMs = 250): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.advanceTo(Math.min(end, this.clock.now() + stepMs));
      await this.flush();
    }
  }

  /** A restart: the manager and store close; a new manager opens on the same file. The broker lives on. */
  async reopen(session = 's2'): Promise<OrderManager> {
    this.manager.stop();
    await this.store.close();
    this.store = this.openStore();
    this.manager = this.openManager(session);
    return this.manager;
  }

  async close(): Promise<void> {
    this.manager.stop();
    this.paper.close();
    await this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private openStore(): Store {
    const r = openStore(this.file, this.clock.now());
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  private openManager(session: string): OrderManager {
    const m = OrderManager.open({
      clock: this.clock,
      broker: this.broker,
      risk: this.risk,
      instruments: this.instruments,
      quotes: this.quotes,
      store: this.store,
      session,
      structureMargin: (legs) => legs.reduce((s, l) => s + l.quantity * l.referencePrice * (l.side === 'SELL' ? 2 : 1), 0),
      ...(this.options.config ? { config: this.options.config } : {}),
    });
    m.start();
    return m;
  }
}
