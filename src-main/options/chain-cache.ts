import type { OptionChain } from './chain.ts';
import { ChainBook, type ChainBookSpec } from './chain-book.ts';

/**
 * One shared `ChainBook` per underlying and expiry. Feeds write into it as quotes arrive (cheap: no
 * pricing); bots read snapshots at their own evaluation cadence, and every bot reading the same chain at
 * the same instant gets the same frozen object, priced once.
 */
export class ChainCache {
  private readonly books = new Map<string, ChainBook>();

  private static key(underlying: string, expiry: string): string {
    return `${underlying}|${expiry}`;
  }

  /** The book for `spec`'s underlying and expiry, created on first use. */
  ensure(spec: ChainBookSpec): ChainBook {
    const key = ChainCache.key(spec.underlying, spec.expiry);
    let book = this.books.get(key);
    if (!book) {
      book = new ChainBook(spec);
      this.books.set(key, book);
    }
    return book;
  }

  book(underlying: string, expiry: string): ChainBook | undefined {
    return this.books.get(ChainCache.key(underlying, expiry));
  }

  /** The priced chain, or undefined when this chain has no quotes yet. */
  read(underlying: string, expiry: string, now: number): OptionChain | undefined {
    return this.book(underlying, expiry)?.snapshot(now);
  }

  /** Expiries held for `underlying`, nearest first. */
  expiries(underlying: string): string[] {
    return [...this.books.values()]
      .filter((b) => b.spec.underlying === underlying)
      .map((b) => b.spec.expiry)
      .sort();
  }

  /** Takes one chain out (its source went stale): readers see no chain until it is written again. */
  drop(underlying: string, expiry: string): void {
    this.books.delete(ChainCache.key(underlying, expiry));
  }

  /** Drops chains that expired before `now`. */
  prune(now: number): void {
    for (const [key, book] of this.books) if (book.spec.expiryTs < now) this.books.delete(key);
  }
}
