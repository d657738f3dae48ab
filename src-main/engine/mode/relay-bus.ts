import { Bus, type Unsubscribe } from '#core/bus';

interface Link<T extends Record<string, unknown>> {
  readonly topic: keyof T;
  readonly handler: (payload: never) => void;
  off: Unsubscribe;
}

/**
 * A bus that forwards to another one and can be moved to a new source: the shells subscribe once (the
 * bridge, metrics, notifications) and keep hearing the engine after a mode switch replaced it. A
 * subscription lives on exactly one source at a time, so the stopped engine can never reach a listener.
 */
export class RelayBus<T extends Record<string, unknown>> extends Bus<T> {
  private source: Bus<T>;

  private readonly links = new Set<Link<T>>();

  constructor(source: Bus<T>) {
    super();
    this.source = source;
  }

  override subscribe<K extends keyof T>(topic: K, handler: (payload: T[K]) => void): Unsubscribe {
    const link: Link<T> = { topic, handler: handler as (payload: never) => void, off: this.source.subscribe(topic, handler) };
    this.links.add(link);
    return () => {
      if (this.links.delete(link)) link.off();
    };
  }

  override publish<K extends keyof T>(topic: K, payload: T[K]): void {
    this.source.publish(topic, payload);
  }

  override subscriberCount(topic: keyof T): number {
    return this.source.subscriberCount(topic);
  }

  /** Moves every subscription onto `next`; from here on only `next` reaches them. */
  moveTo(next: Bus<T>): void {
    for (const link of this.links) {
      link.off();
      link.off = next.subscribe(link.topic, link.handler as (payload: T[keyof T]) => void);
    }
    this.source = next;
  }
}
