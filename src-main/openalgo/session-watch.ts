import type { Clock, TimerHandle } from '#core/clock';

/** Resolves true when OpenAlgo says the broker session is live again (e.g. a REST `ping` succeeded). */
export type SessionProbe = () => Promise<boolean>;

export interface SessionWatch {
  /** Starts probing every `intervalMs`; idempotent. */
  start(): void;
  stop(): void;
  readonly running: boolean;
}

/**
 * While the feed sits in *expired* (the trader must log in to the broker in OpenAlgo), asks OpenAlgo at a
 * bounded rate whether the session is back and calls `onBack` once when it is. One probe at a time:
 * a slow answer never stacks up requests.
 */
export function createSessionWatch(options: { clock: Clock; intervalMs: number; probe: SessionProbe; onBack: () => void }): SessionWatch {
  const { clock, intervalMs, probe, onBack } = options;
  if (!(intervalMs > 0)) throw new RangeError(`session probe interval must be positive, got ${intervalMs}`);
  let timer: TimerHandle | undefined;
  let inFlight = false;
  let generation = 0;

  async function tick(gen: number): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    const back = await probe().catch(() => false);
    inFlight = false;
    if (back && gen === generation && timer) {
      watch.stop();
      onBack();
    }
  }

  const watch: SessionWatch = {
    start() {
      if (timer) return;
      const gen = ++generation;
      timer = clock.setInterval(intervalMs, () => void tick(gen));
    },
    stop() {
      timer?.cancel();
      timer = undefined;
      generation++;
    },
    get running() {
      return timer !== undefined;
    },
  };
  return watch;
}
