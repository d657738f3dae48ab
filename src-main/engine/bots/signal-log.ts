import type { BotId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { SignalsRepository } from '#store/signals-repository';

/**
 * Every evaluation a bot reached a decision on: written to the store as it is made (inputs, each source's
 * score, the combined score, the decision and its reason), then streamed to whoever watches.
 */
export class SignalLog {
  private readonly repo: SignalsRepository;
  private readonly publish: (signal: Signal) => void;
  private readonly storeFiltered: boolean;

  /** `storeFiltered` false: a filtered signal is streamed but not written (a backtest, whose store nobody reads). */
  constructor(repo: SignalsRepository, publish: (signal: Signal) => void, options: { storeFiltered?: boolean } = {}) {
    this.repo = repo;
    this.publish = publish;
    this.storeFiltered = options.storeFiltered ?? true;
  }

  /** Writes them (call inside the transaction that writes the bot's state). */
  store(signals: readonly Signal[]): void {
    for (const s of signals) if (this.storeFiltered || s.decision.kind !== 'filtered') this.repo.insert(s);
  }

  /** Streams them, once written. */
  stream(signals: readonly Signal[]): void {
    for (const s of signals) this.publish(s);
  }

  /**
   * Records what became of a stored signal's intents (refused before reaching the broker) and streams the
   * signal again under its id, for watchers to replace the one they hold. One statement: the row changes
   * whole or not at all.
   */
  amend(signal: Signal): void {
    if (this.repo.updateOutcome(signal)) this.publish(signal);
  }

  /** The latest `limit` signals (of one bot when given), oldest first. */
  recent(limit: number, botId?: BotId): Signal[] {
    return this.repo.recent(limit, botId);
  }

  between(from: number, to: number): Signal[] {
    return this.repo.between(from, to);
  }
}
