import type { TimerHandle } from '#core/clock';
import type { BrokerError, BrokerOrderRow, BrokerTrade } from './broker.ts';
import type { ExecutionContext } from './execution-context.ts';

export interface Books {
  readonly rows: readonly BrokerOrderRow[];
  readonly trades: readonly BrokerTrade[];
}

/**
 * Reads the broker's order book, then its trade book (so the trades are at least as new as the rows
 * that count them), at most once per `pollIntervalMs` and one read at a time. `orderstatus` is never
 * polled: on OpenAlgo it costs two broker calls per order.
 */
export class BookPoller {
  private readonly ctx: ExecutionContext;
  private readonly onBooks: (books: Books) => void;
  private readonly onError: (error: BrokerError) => void;
  private readonly needed: () => boolean;
  private inFlight: Promise<boolean> | undefined;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private timer: TimerHandle | undefined;

  constructor(ctx: ExecutionContext, hooks: { needed: () => boolean; onBooks: (books: Books) => void; onError: (error: BrokerError) => void }) {
    this.ctx = ctx;
    this.needed = hooks.needed;
    this.onBooks = hooks.onBooks;
    this.onError = hooks.onError;
  }

  start(): void {
    this.timer ??= this.ctx.clock.setInterval(
      this.ctx.config.pollIntervalMs,
      () => {
        if (this.needed()) void this.poll();
      },
      () => !this.needed(),
    );
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** True when books were read and handed on; false when skipped (too soon) or the read failed. */
  poll(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    if (this.ctx.clock.now() - this.lastReadAt < this.ctx.config.pollIntervalMs) return Promise.resolve(false);
    this.lastReadAt = this.ctx.clock.now();
    this.inFlight = this.read().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async read(): Promise<boolean> {
    const rows = await this.ctx.broker.orderBook();
    if (!rows.ok) {
      this.onError(rows.error);
      return false;
    }
    const trades = await this.ctx.broker.tradeBook();
    if (!trades.ok) {
      this.onError(trades.error);
      return false;
    }
    this.onBooks({ rows: rows.value, trades: trades.value });
    return true;
  }
}
