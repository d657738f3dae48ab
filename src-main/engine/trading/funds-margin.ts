import type { Clock, TimerHandle } from '#core/clock';
import type { Result } from '#core/result';
import type { MarginSource } from '#risk/ports';

export interface FundsMargin extends MarginSource {
  start(): void;
  stop(): void;
}

/**
 * Free funds from the broker (OpenAlgo `/funds` availablecash), read every `everyMs` while trading runs.
 * The margin check is synchronous, so it reads the last answer; one older than `maxAgeMs` counts as
 * unknown and risk falls back to its estimate against the configured capital.
 */
export function fundsMargin(deps: { readonly clock: Clock; readonly read: () => Promise<Result<number, string>>; readonly everyMs?: number; readonly maxAgeMs?: number; readonly onError?: (message: string) => void }): FundsMargin {
  const everyMs = deps.everyMs ?? 30_000;
  const maxAgeMs = deps.maxAgeMs ?? 4 * everyMs;
  let last: { cash: number; at: number } | undefined;
  let timer: TimerHandle | undefined;
  const poll = async (): Promise<void> => {
    const r = await deps.read();
    if (r.ok) last = { cash: r.value, at: deps.clock.now() };
    else deps.onError?.(r.error);
  };
  return {
    available: () => (last && deps.clock.now() - last.at <= maxAgeMs ? last.cash : undefined),
    start() {
      if (timer) return;
      void poll();
      timer = deps.clock.setInterval(everyMs, () => void poll());
    },
    stop() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
