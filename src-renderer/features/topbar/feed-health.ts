import type { SessionDto } from '#contract/dto';
import type { Tone } from '#renderer/components/StatusDot.tsx';
import { formatAge } from '#renderer/lib/format.ts';

const FEED_TONE: Record<string, Tone> = {
  connected: 'good',
  connecting: 'warn',
  reconnecting: 'warn',
  stale: 'warn',
  idle: 'idle',
  stopped: 'idle',
  expired: 'bad',
  error: 'bad',
};

/** A tick older than this while the market is open is worth a glance (the feed marks itself stale at 30 s). */
const SLOW_TICK_MS = 5000;

/** The feed's line in the top bar: its state, the age of the last tick, and a tone that says whether to worry. */
export function feedHealth(session: SessionDto | undefined, stale: boolean): { label: string; tone: Tone; age?: string; title: string } {
  if (!session) return { label: 'feed …', tone: 'idle', title: 'Waiting for the engine' };
  const { feed } = session;
  const label = `${feed.name}: ${feed.state}`;
  if (stale) return { label, tone: 'idle', title: 'Last state known before the engine went away', ...(session.lastTickAt !== undefined ? { age: 'stale' } : {}) };
  const ageMs = session.lastTickAt !== undefined ? session.clock - session.lastTickAt : undefined;
  let tone = FEED_TONE[feed.state] ?? 'idle';
  if (tone === 'good' && session.marketOpen && ageMs !== undefined && ageMs > SLOW_TICK_MS) tone = 'warn';
  const age = ageMs === undefined ? 'no tick yet' : `last tick ${formatAge(ageMs)} ago`;
  return { label, tone, age, title: feed.message ?? `${feed.name} feed ${feed.state}` };
}
