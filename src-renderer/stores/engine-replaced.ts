import type { SessionDto } from '#contract/dto';

/**
 * True when the engine behind the bridge now runs in another mode than the one this page was built on:
 * a mode switch replaced it. Every view then starts afresh (a reload), so no store mixes the old mode's
 * book, clock or chart history with the new one's.
 */
export function engineModeChanged(shown: SessionDto | undefined, next: SessionDto): boolean {
  return shown !== undefined && shown.mode !== next.mode;
}
