import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import type { Result } from '#core/result';
import { botId, type BotId } from '#model/ids';
import { openStore, type Store } from '#store/database';
import type { BrokerPosition, PlaceOrderRequest } from '#execution/broker';
import { PaperBroker, type PaperBookSnapshot } from '#execution/brokers/paper/paper-broker';
import { instrumentsFrom } from '#execution/instruments';
import { OrderManager } from '#execution/order-manager';
import { QuoteBook } from '#execution/quotes';
import { FaultyBroker } from '#execution/testing/faulty-broker';
import { ALL_INSTRUMENTS, CE_26000, CE_26500, NIFTY_FUT, PE_25500, PE_26000, TRADE_START, quote } from '#execution/testing/fixtures';
import { allowAll } from '#execution/testing/risk-gates';
import { createReconciler, type ReconcileConfig, type Reconciler } from '../reconciler.ts';

export const BOT_A = botId('bot-a');
export const BOT_B = botId('bot-b');

export interface RestartOptions {
  /** A new paper broker replaces the old one (its book was in memory); the reconciler re-seeds it from the store. */
  readonly freshPaper?: boolean;
  /** Changes the snapshot before the fresh paper broker takes it: a broker that differs from the store. */
  readonly alterSeed?: (snapshot: PaperBookSnapshot) => PaperBookSnapshot;
  readonly session?: string;
}

/**
 * The order path and the reconciler on real parts: a SimClock, a quote book with the NIFTY fixtures, the
 * paper broker behind a FaultyBroker (calls counted, faults on demand), the order manager on a real SQLite
 * file. `restart` closes the store and opens a new manager and reconciler on the same file; the broker
 * either lives on (as OpenAlgo's does) or is replaced by a fresh paper broker re-seeded from the store.
 */
export class ReconcileHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reconcile-'));
  readonly clock = new SimClock(TRADE_START);
  readonly quotes = new QuoteBook();
  readonly instruments = instrumentsFrom(ALL_INSTRUMENTS);
  paper: PaperBroker;
  broker: FaultyBroker;
  store: Store;
  manager: OrderManager;
  reconciler: Reconciler;
  private readonly config: Partial<ReconcileConfig>;
  private readonly tellsVersion: boolean;

  /** `brokerTellsVersion`: the broker passes the paper broker's `booksVersion` on, as the paper broker does in the terminal. */
  constructor(config: Partial<ReconcileConfig> = {}, options: { brokerTellsVersion?: boolean } = {}) {
    this.config = config;
    this.tellsVersion = options.brokerTellsVersion ?? false;
    const t = this.clock.now();
    this.quotes.set(quote(CE_26000.id, 120, 120.5, t));
    this.quotes.set(quote(PE_26000.id, 110, 110.5, t));
    this.quotes.set(quote(CE_26500.id, 30, 30.5, t));
    this.quotes.set(quote(PE_25500.id, 35, 35.5, t));
    this.quotes.set(quote(NIFTY_FUT.id, 26100, 26100.5, t));
    this.paper = this.newPaper();
    this.broker = new FaultyBroker(this.paper, { tellsVersion: this.tellsVersion });
    this.store = this.openStore();
    this.manager = this.openManager('s1');
    this.manager.start();
    this.reconciler = this.openReconciler(undefined);
  }

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

  /** The terminal stops hearing the broker (the process is down); the broker goes on. */
  down(): void {
    this.reconciler.stop();
    this.manager.stop();
  }

  /** Something done at the broker by someone else: the broker's app, its RMS, another program. */
  async outside(req: Partial<PlaceOrderRequest> & Pick<PlaceOrderRequest, 'instrumentId' | 'side'>): Promise<string> {
    const r = await this.paper.place({ strategy: 'manual', quantity: 75, type: 'MARKET', product: 'NRML', ...req });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.brokerOrderId;
  }

  /** A restart: the manager stops, the store closes, a new manager (resumed and started) and reconciler open on the file. */
  async restart(options: RestartOptions = {}): Promise<void> {
    this.down();
    await this.store.close();
    let seed: ((s: PaperBookSnapshot) => Result<void, string>) | undefined;
    if (options.freshPaper) {
      this.paper.close();
      this.paper = this.newPaper();
      this.broker = new FaultyBroker(this.paper, { tellsVersion: this.tellsVersion });
      const paper = this.paper;
      seed = (s) => paper.restore(options.alterSeed ? options.alterSeed(s) : s);
    }
    this.store = this.openStore();
    this.manager = this.openManager(options.session ?? 's2');
    this.manager.resume();
    this.manager.start();
    this.reconciler = this.openReconciler(seed);
  }

  /** Net units per instrument and product at the broker, flat ones left out. */
  async brokerBook(): Promise<Record<string, number>> {
    const r = await this.paper.positionBook();
    if (!r.ok) throw new Error(r.error.message);
    return net(r.value.map((p: BrokerPosition) => [`${p.instrumentId}|${p.product}`, p.quantity]));
  }

  /** The same, as the store folds its fills. */
  storeBook(): Record<string, number> {
    return net(this.manager.positions.byBot().map((p) => [`${p.position.instrumentId}|${p.product}`, p.position.netQuantity]));
  }

  async brokerOrders(): Promise<number> {
    const r = await this.paper.orderBook();
    if (!r.ok) throw new Error(r.error.message);
    return r.value.length;
  }

  async close(): Promise<void> {
    this.down();
    this.paper.close();
    await this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private newPaper(): PaperBroker {
    return new PaperBroker({ clock: this.clock, quotes: this.quotes, instruments: this.instruments, config: { cash: 50_000_000 } });
  }

  private openStore(): Store {
    const r = openStore(path.join(this.dir, 'terminal.sqlite'), this.clock.now());
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  private openManager(session: string): OrderManager {
    return OrderManager.open({
      clock: this.clock,
      broker: this.broker,
      risk: allowAll(),
      instruments: this.instruments,
      quotes: this.quotes,
      store: this.store,
      session,
      structureMargin: (legs) => legs.reduce((s, l) => s + l.quantity * l.referencePrice, 0),
    });
  }

  private openReconciler(seedBroker: ((s: PaperBookSnapshot) => Result<void, string>) | undefined): Reconciler {
    const bots: BotId[] = [BOT_A, BOT_B];
    return createReconciler({ manager: this.manager, clock: this.clock, instruments: this.instruments, bots: () => bots, config: this.config, ...(seedBroker ? { seedBroker } : {}) });
  }
}

function net(entries: [string, number][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, q] of entries) out[k] = (out[k] ?? 0) + q;
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}
