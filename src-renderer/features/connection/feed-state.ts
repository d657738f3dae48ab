import { RECONNECTABLE_FEED_STATES, type FeedDto } from '#contract/dto';
import { formatIstClock } from '#renderer/lib/format.ts';

/** The feed states after which a Reconnect is offered: the terminal no longer retries by itself there. */
export function canReconnect(feed: FeedDto | undefined): boolean {
  return feed !== undefined && (RECONNECTABLE_FEED_STATES as readonly string[]).includes(feed.state);
}

const since = (feed: FeedDto): string => (feed.since !== undefined ? ` (since ${formatIstClock(feed.since).slice(0, 5)} IST)` : '');

/** One sentence for the trader: what the market data feed is doing and what, if anything, to do about it. */
export function feedStateText(feed: FeedDto | undefined): string {
  if (!feed) return 'Market data: waiting for the engine…';
  const detail = feed.message ? `: ${feed.message}` : '';
  switch (feed.state) {
    case 'connected':
      return `Market data from ${feed.name}: connected${detail}`;
    case 'connecting':
    case 'reconnecting':
      return `Market data from ${feed.name}: ${feed.state}${detail}`;
    case 'stale':
      return `Market data from ${feed.name} stopped arriving${since(feed)}${detail}. It reconnects by itself; Reconnect tries now.`;
    case 'expired':
      return `The broker session behind OpenAlgo has ended${since(feed)}. Log in to your broker in OpenAlgo's web page: the feed comes back by itself within a minute of that, or press Reconnect.`;
    case 'error':
      return `Market data from ${feed.name} stopped${since(feed)}${detail}. Fix the cause, then press Reconnect.`;
    case 'idle':
    case 'stopped':
      return `Market data from ${feed.name}: ${feed.state}`;
  }
}
