import { useEffect } from 'react';
import { ModeBadge } from '#renderer/components/ModeBadge.tsx';
import { StatusDot, type Tone } from '#renderer/components/StatusDot.tsx';
import { formatIstClock, formatIstDate } from '#renderer/lib/format.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { useSessionStore } from '#renderer/stores/session-store.ts';
import { TradingControls } from '../trading/TradingControls.tsx';

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

export function TopBar() {
  const session = useSessionStore((s) => s.session);
  const connection = useSessionStore((s) => s.connection);

  useEffect(
    () =>
      getBridge().subscribe('session', {}, {
        snapshot: (s) => useSessionStore.getState().setSession(s),
        delta: (s) => useSessionStore.getState().setSession(s),
      }),
    [],
  );

  const feedLabel = session ? `${session.feed.name}: ${session.feed.state}` : 'feed: …';
  return (
    <header className="topbar">
      <span className="brand">Trading Terminal</span>
      <ModeBadge mode={session?.mode} />
      <StatusDot tone={session ? (FEED_TONE[session.feed.state] ?? 'idle') : 'idle'} label={feedLabel} testId="feed-status" />
      {session?.feed.message ? <span className="feed-message">{session.feed.message}</span> : null}
      <span className="spacer" />
      <TradingControls />
      <StatusDot tone={session?.marketOpen ? 'good' : 'idle'} label={session?.marketOpen ? 'market open' : 'market closed'} />
      {connection !== 'open' ? <StatusDot tone="bad" label={`engine ${connection}`} testId="engine-connection" /> : null}
      <span className="clock" data-testid="clock" title="Engine clock (simulated in simulation mode)">
        {session ? `${formatIstDate(session.clock)} ${formatIstClock(session.clock)}` : '--:--:-- IST'}
      </span>
    </header>
  );
}
