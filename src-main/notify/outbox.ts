import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import { NOTIFY_KINDS, type NotifyKind, type NotifyRule } from '#config/notify-schema';
import type { Notification, NotificationSink } from './notification.ts';
import { TokenBucket } from './token-bucket.ts';

const NOUN: Readonly<Record<NotifyKind, string>> = {
  fill: 'fills',
  rejection: 'rejections',
  risk: 'risk events',
  feed: 'feed events',
  summary: 'summaries',
};

interface Held {
  readonly first: Notification;
  more: number;
  timer: TimerHandle;
}

export interface OutboxDeps {
  /** Rates are the trader's attention, so this is the wall clock even when the market is simulated. */
  readonly clock: Clock;
  readonly rules: Readonly<Record<NotifyKind, NotifyRule>>;
  readonly sinks: readonly NotificationSink[];
  readonly logger: Logger;
}

/** "…and 4 more fills": what a coalesced notification says about the ones it stands for. */
export function coalesced(first: Notification, more: number): Notification {
  if (more === 0) return first;
  return { ...first, title: `${first.title} (and ${more} more)`, body: `${first.body}\n…and ${more} more ${NOUN[first.kind]} since.` };
}

/**
 * Rate limits per kind and fans out to the sinks. Within its token bucket a notification goes out at
 * once; past it the first one held waits for the next token and goes out then, counting the others
 * held meanwhile ("and N more"): a burst of fills is one message, and nothing is silently dropped.
 */
export class NotificationOutbox {
  private readonly buckets = new Map<NotifyKind, TokenBucket>();
  private readonly held = new Map<NotifyKind, Held>();
  private readonly deps: OutboxDeps;
  private closed = false;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
    const now = deps.clock.now();
    for (const kind of NOTIFY_KINDS) this.buckets.set(kind, new TokenBucket(deps.rules[kind].burst, deps.rules[kind].perMinute, now));
  }

  notify(n: Notification): void {
    if (this.closed || !this.deps.rules[n.kind].enabled) return;
    const held = this.held.get(n.kind);
    if (held) {
      held.more++;
      return;
    }
    const bucket = this.buckets.get(n.kind)!;
    const now = this.deps.clock.now();
    if (bucket.take(now)) {
      this.deliver(n);
      return;
    }
    const timer = this.deps.clock.setTimer(now + bucket.waitMs(now), () => this.release(n.kind));
    this.held.set(n.kind, { first: n, more: 0, timer });
  }

  /** Stops: what is held is dropped (the process is ending), nothing more is sent. */
  close(): void {
    this.closed = true;
    for (const h of this.held.values()) h.timer.cancel();
    this.held.clear();
  }

  private release(kind: NotifyKind): void {
    const held = this.held.get(kind);
    if (!held || this.closed) return;
    const now = this.deps.clock.now();
    const bucket = this.buckets.get(kind)!;
    if (!bucket.take(now)) {
      held.timer = this.deps.clock.setTimer(now + bucket.waitMs(now), () => this.release(kind));
      return;
    }
    this.held.delete(kind);
    this.deliver(coalesced(held.first, held.more));
  }

  private deliver(n: Notification): void {
    for (const sink of this.deps.sinks) {
      sink.send(n).then(
        (r) => {
          if (!r.ok) this.deps.logger.warn({ sink: sink.name, kind: n.kind, error: r.error.kind }, `notification not delivered: ${r.error.message}`);
        },
        (e: unknown) => this.deps.logger.error({ err: e, sink: sink.name }, 'notification sink failed'),
      );
    }
  }
}
