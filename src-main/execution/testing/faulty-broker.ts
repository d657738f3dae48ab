import type { Unsubscribe } from '#core/bus';
import { err } from '#core/result';
import type { BrokerOrderId } from '#model/ids';
import { brokerError, type Broker, type BrokerError, type BrokerUpdate, type ModifyOrderRequest, type PlaceOrderRequest } from '#execution/broker';

/**
 * What the next write suffers:
 * - `lose-answer`: the inner broker takes it, the caller hears `unknown-outcome` (timeout after acceptance);
 * - `lost-before`: the request never arrives, the caller hears `unknown-outcome`;
 * - `reject`, `rate-limit`, `session-expired`, `unavailable`: refused, nothing happens;
 * - `none`: this write goes through untouched (to fault a later one).
 */
export type WriteFault = 'none' | 'lose-answer' | 'lost-before' | 'reject' | 'rate-limit' | 'session-expired' | 'unavailable';

/** Wraps any broker to inject faults on its writes and pushed updates; every call is counted. */
export class FaultyBroker implements Broker {
  readonly name: string;
  readonly inner: Broker;
  readonly placeFaults: WriteFault[] = [];
  readonly cancelFaults: WriteFault[] = [];
  readonly modifyFaults: WriteFault[] = [];
  /** Pushed updates are swallowed while true: only book reads reveal what happened. */
  mutePushes = false;
  /** Every trade update is pushed twice. */
  duplicatePushes = false;
  /** This many order-book and trade-book reads fail with `unavailable`. */
  failBookReads = 0;
  private held: (() => void)[] = [];
  private holding = false;
  readonly calls = { place: 0, modify: 0, cancel: 0, orderBook: 0, tradeBook: 0 };
  readonly placed: PlaceOrderRequest[] = [];

  /** Passed through when asked for (`tellsVersion`): by default this stands for a broker that cannot tell, as OpenAlgo. */
  readonly booksVersion?: () => number;

  constructor(inner: Broker, options: { tellsVersion?: boolean } = {}) {
    this.inner = inner;
    this.name = `faulty(${inner.name})`;
    if (options.tellsVersion && inner.booksVersion) this.booksVersion = () => inner.booksVersion!();
  }

  /** Places wait (in flight, unanswered) until `release`. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }

  /** The held requests never arrive (the process that sent them died); later ones pass. */
  abandonHeld(): void {
    this.holding = false;
    this.held = [];
  }

  async place(req: PlaceOrderRequest) {
    this.calls.place++;
    const fault = this.placeFaults.shift();
    if (this.holding) await new Promise<void>((go) => this.held.push(go));
    if (fault === 'lost-before') return err(brokerError('unknown-outcome', 'timeout before the broker answered'));
    if (fault && fault !== 'lose-answer' && fault !== 'none') return err(refusal(fault));
    this.placed.push(req);
    const r = await this.inner.place(req);
    return fault === 'lose-answer' ? err(brokerError('unknown-outcome', 'timeout after the broker accepted')) : r;
  }

  async modify(req: ModifyOrderRequest) {
    this.calls.modify++;
    const fault = this.modifyFaults.shift();
    if (fault === 'lost-before') return err(brokerError('unknown-outcome', 'timeout'));
    if (fault && fault !== 'lose-answer' && fault !== 'none') return err(refusal(fault));
    const r = await this.inner.modify(req);
    return fault === 'lose-answer' ? err(brokerError('unknown-outcome', 'timeout after the broker accepted')) : r;
  }

  async cancel(id: BrokerOrderId, strategy: string) {
    this.calls.cancel++;
    const fault = this.cancelFaults.shift();
    if (fault === 'lost-before') return err(brokerError('unknown-outcome', 'timeout'));
    if (fault && fault !== 'lose-answer' && fault !== 'none') return err(refusal(fault));
    const r = await this.inner.cancel(id, strategy);
    return fault === 'lose-answer' ? err(brokerError('unknown-outcome', 'timeout after the broker accepted')) : r;
  }

  orderStatus(id: BrokerOrderId, strategy: string) {
    return this.inner.orderStatus(id, strategy);
  }

  async orderBook() {
    this.calls.orderBook++;
    if (this.failBookReads > 0) {
      this.failBookReads--;
      return err(brokerError('unavailable', 'order book read failed'));
    }
    return this.inner.orderBook();
  }

  async tradeBook() {
    this.calls.tradeBook++;
    return this.inner.tradeBook();
  }

  positionBook() {
    return this.inner.positionBook();
  }

  onUpdate(handler: (u: BrokerUpdate) => void): Unsubscribe {
    return this.inner.onUpdate((u) => {
      if (this.mutePushes) return;
      handler(u);
      if (this.duplicatePushes && u.kind === 'trade') handler(u);
    });
  }
}

function refusal(fault: Exclude<WriteFault, 'none' | 'lose-answer' | 'lost-before'>): BrokerError {
  switch (fault) {
    case 'reject':
      return brokerError('rejected', 'RMS: rejected by the test');
    case 'rate-limit':
      return brokerError('rate-limited', 'too many requests', 1000);
    case 'session-expired':
      return brokerError('session-expired', 'OpenAlgo session expired');
    case 'unavailable':
      return brokerError('unavailable', 'connection refused');
  }
}
