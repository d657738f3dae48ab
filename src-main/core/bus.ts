/**
 * A synchronous typed publish/subscribe bus. Topic names map to payload types at compile time, so a
 * publisher and its subscribers cannot disagree on a shape. A throwing handler is reported to `onError`
 * and never stops delivery to the others: one faulty view must not starve the order path.
 */
export type Unsubscribe = () => void;

export class Bus<TopicMap extends Record<string, unknown>> {
  private readonly handlers = new Map<keyof TopicMap, Set<(payload: never) => void>>();

  private readonly onError: (topic: string, error: unknown) => void;

  constructor(onError: (topic: string, error: unknown) => void = () => {}) {
    this.onError = onError;
  }

  subscribe<K extends keyof TopicMap>(topic: K, handler: (payload: TopicMap[K]) => void): Unsubscribe {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    set.add(handler as (payload: never) => void);
    return () => {
      set.delete(handler as (payload: never) => void);
    };
  }

  publish<K extends keyof TopicMap>(topic: K, payload: TopicMap[K]): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as (p: TopicMap[K]) => void)(payload);
      } catch (e) {
        this.onError(String(topic), e);
      }
    }
  }

  subscriberCount(topic: keyof TopicMap): number {
    return this.handlers.get(topic)?.size ?? 0;
  }
}
