import { useEffect } from 'react';
import { ModeBadge } from '#renderer/components/ModeBadge.tsx';
import { StatusDot } from '#renderer/components/StatusDot.tsx';
import { canReconnect } from '#renderer/features/connection/feed-state.ts';
import { TradingControls } from '#renderer/features/trading/TradingControls.tsx';
import { useTradingStore } from '#renderer/features/trading/trading-store.ts';
import { formatIstClock, formatIstDate } from '#renderer/lib/format.ts';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';
import { useConnectionStore } from '#renderer/stores/connection-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { feedHealth } from './feed-health.ts';

/**
 * Always on screen: the mode (LIVE unmistakable), the engine and the market data feed with the age of
 * the last tick, the trading controls (state, arming, kill switch), market hours and the engine clock.
 * With the engine away every figure here stays, greyed and marked stale.
 */
export function TopBar() {
  const session = useSessionStore((s) => s.session);
  const connection = useSessionStore((s) => s.connection);
  const silent = useSessionStore((s) => s.silent);
  const stale = useStale();
  const register = useCommandsStore((s) => s.register);
  useEffect(
    () =>
      register([
        { id: 'help', title: 'Keyboard shortcuts', group: 'Help', keys: '?', run: () => useCommandsStore.getState().setHelp(true) },
        { id: 'palette', title: 'Command palette', group: 'Help', keys: 'mod+k', inFields: true, run: () => useCommandsStore.getState().setPalette(true) },
        { id: 'trading.kill', title: 'Kill switch (asks to confirm)', group: 'Trading', keys: 'mod+shift+k', boundElsewhere: true, run: () => useTradingStore.getState().askKill() },
        {
          id: 'feed.reconnect',
          title: 'Reconnect the market data feed',
          group: 'Trading',
          disabled: () => (canReconnect(useSessionStore.getState().session?.feed) ? undefined : 'the feed is not waiting for a reconnect'),
          run: () => void useConnectionStore.getState().reconnect(),
        },
      ]),
    [register],
  );
  const health = feedHealth(session, stale);
  const engineLabel = connection === 'unauthorized' ? 'engine refused this page' : silent ? 'engine not answering' : connection === 'open' ? 'engine connected' : `engine ${connection === 'connecting' ? 'reconnecting…' : 'disconnected'}`;
  return (
    <header className={`topbar${session?.mode === 'live' ? ' topbar-live' : ''}`} data-stale={stale ? 'true' : undefined}>
      <div className="topbar-group">
        <span className="brand">Trading Terminal</span>
        <ModeBadge mode={session?.mode} stale={stale} />
        <StatusDot tone={stale ? 'bad' : 'good'} label={engineLabel} testId="engine-connection" />
        <span className="feed-health" title={health.title}>
          <StatusDot tone={health.tone} label={health.label} testId="feed-status" />
          {health.age ? (
            <span className="muted num" data-testid="tick-age">
              {health.age}
            </span>
          ) : null}
        </span>
        {session && !stale && canReconnect(session.feed) ? (
          <button type="button" className="small-button" onClick={() => void useConnectionStore.getState().reconnect()} data-testid="topbar-reconnect">
            Reconnect
          </button>
        ) : null}
      </div>
      <div className="topbar-group topbar-trading">
        <TradingControls />
      </div>
      <div className="topbar-group topbar-end">
        <StatusDot tone={stale || !session ? 'idle' : session.marketOpen ? 'good' : 'idle'} label={!session ? 'market …' : stale ? 'market: unknown' : session.marketOpen ? 'market open' : 'market closed'} testId="market-status" />
        <span className="clock num" data-testid="clock" title={stale ? 'Last engine time received; the engine is not connected' : 'Engine clock (simulated in simulation mode)'}>
          {session ? `${formatIstDate(session.clock)} ${formatIstClock(session.clock)}` : '--:--:-- IST'}
          {stale && session ? <span className="stale-tag">stale</span> : null}
        </span>
        <button type="button" className="icon-button" onClick={() => useCommandsStore.getState().setPalette(true)} title="Command palette (Ctrl K)" data-testid="palette-button">
          ⌘
        </button>
        <button type="button" className="icon-button" onClick={() => useCommandsStore.getState().setHelp(true)} title="Keyboard shortcuts (?)" data-testid="help-button">
          ?
        </button>
      </div>
    </header>
  );
}
