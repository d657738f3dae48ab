import { createPortal } from 'react-dom';
import type { BotDto } from '#contract/dto';
import { useTradingStore } from '#renderer/features/trading/trading-store.ts';
import { formatInrCompact, formatIstTime } from '#renderer/lib/format.ts';
import { useBotsStore } from '#renderer/stores/bots-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useSignalsStore } from '#renderer/stores/signals-store.ts';
import { botActions, errorLine, stateReason, type BotAction } from './bot-actions.ts';
import { useBotParamsStore } from './bot-params-store.ts';
import { ShadowSection } from '#renderer/features/shadow/ShadowSection.tsx';
import { ParamEditor } from './ParamEditor.tsx';
import './bots.css';

const pnlClass = (v: number | undefined) => (v === undefined || v === 0 ? 'flat' : v > 0 ? 'up' : 'down');

function BotCard({ bot }: { bot: BotDto }) {
  const error = useBotsStore((s) => s.errors[bot.id]);
  const pending = useBotsStore((s) => s.pending[bot.id] ?? false);
  const stale = useStale();
  const tradingState = useTradingStore((s) => s.riskState);
  const liveTerminal = useSessionStore((s) => s.session?.mode === 'live');
  const armed = useTradingStore((s) => s.status?.armed ?? false);
  const offers = botActions(bot, stale, tradingState, liveTerminal ? { armed } : undefined);
  const reason = stateReason(bot);
  // Each sentence once: the state's reason, then a disabled button's reason, then the last refusal.
  const refusals = [...new Set(offers.map((o) => o.refusal))].filter((r): r is string => r !== undefined && r !== reason);
  const failed = errorLine(bot, error);
  const extra = failed !== undefined && failed !== reason && !refusals.includes(failed) ? failed : undefined;
  const run = (a: BotAction) => void useBotsStore.getState()[a](bot.id);
  const last = bot.lastSignal;
  const live = bot.execution === 'live';
  return (
    <li className="bot" data-testid={`bot-${bot.id}`} data-state={bot.state} data-available={bot.available ? 'true' : 'false'}>
      <div className="bot-head">
        <span className="bot-name" title={bot.description}>
          {bot.name}
        </span>
        <span className={`state state-${bot.state}`} data-testid={`bot-state-${bot.id}`}>
          {bot.available ? bot.state : 'unavailable'}
        </span>
        {bot.execution ? (
          <span
            className={`tag ${live ? 'tag-live' : ''}`}
            title={live ? (liveTerminal && armed ? 'Orders go to your broker: real money' : 'Set to live, but live trading is not armed: it cannot run') : 'Orders go to the paper broker'}
            data-testid={`bot-execution-${bot.id}`}
          >
            {live ? 'LIVE' : 'PAPER'}
          </span>
        ) : null}
      </div>
      <dl className="bot-figures">
        <div>
          <dt>P&amp;L today</dt>
          <dd className={`num ${pnlClass(bot.pnlToday)}`} data-testid={`bot-pnl-${bot.id}`}>
            {bot.pnlToday === undefined ? '—' : formatInrCompact(bot.pnlToday)}
          </dd>
        </div>
        <div>
          <dt>Open</dt>
          <dd className="num" title="Open structures (open positions)">
            {bot.openStructures ?? 0} str · {bot.openPositions ?? 0} pos
          </dd>
        </div>
        <div>
          <dt>Capital</dt>
          <dd className="num">{bot.allocation === undefined ? '—' : formatInrCompact(bot.allocation)}</dd>
        </div>
      </dl>
      {last ? (
        <button
          type="button"
          className={`bot-signal decision-${last.decision}`}
          onClick={() => useSignalsStore.getState().openOf(bot.id, last.tsEvent)}
          title="Open this signal's explanation"
          data-testid={`bot-last-signal-${bot.id}`}
        >
          <span className="bot-signal-text">
            <span className="num muted">{formatIstTime(last.tsEvent)}</span> <span className="decision">{last.decision}</span> <span className="bot-signal-reason">{last.reason}</span>
          </span>
        </button>
      ) : (
        <p className="muted small">No signal yet.</p>
      )}
      <div className="bot-actions">
        {offers.map((o) => (
          <button
            key={o.action}
            type="button"
            className={o.action === 'stop' ? 'bot-stop' : o.action === 'start' ? 'bot-start' : ''}
            disabled={pending || o.refusal !== undefined}
            title={o.refusal}
            onClick={() => run(o.action)}
            data-testid={`bot-${o.action}-${bot.id}`}
          >
            {o.label}
          </button>
        ))}
        {bot.state === 'stopping' ? <span className="muted small-inline">stopping: closing its positions…</span> : null}
        <span className="spacer" />
        {bot.pendingParams ? (
          <span className="tag" title="A parameter change waits for the bot's next evaluation with none of its orders in flight">
            change waiting
          </span>
        ) : null}
        <button type="button" disabled={!bot.available || stale} onClick={() => void useBotParamsStore.getState().open(bot.id)} data-testid={`bot-settings-${bot.id}`}>
          Settings…
        </button>
      </div>
      {reason ? (
        <p className={bot.state === 'error' ? 'error' : 'muted small'} data-testid={`bot-state-reason-${bot.id}`}>
          {reason}
        </p>
      ) : null}
      {refusals.map((r) => (
        <p key={r} className="muted small" data-testid={`bot-reason-${bot.id}`}>
          {r}
        </p>
      ))}
      {extra ? (
        <p className="error" role="alert" data-testid={`bot-error-${bot.id}`}>
          {extra}
        </p>
      ) : null}
    </li>
  );
}

/** A card per bot: state, P&L today, open book, last signal, the lifecycle buttons its state allows, and its settings. */
export function BotsPanel() {
  const bots = useBotsStore((s) => s.bots);
  const editing = useBotParamsStore((s) => s.botId);
  return (
    <div className="panel-body scroll">
      <ul className="bots" data-testid="bots">
        {bots.map((b) => (
          <BotCard key={b.id} bot={b} />
        ))}
      </ul>
      <ShadowSection />
      {/* Out of the panel: panels contain their paint, which would clip a dialog to the panel's box. */}
      {editing ? createPortal(<ParamEditor bot={bots.find((b) => b.id === editing)} />, document.body) : null}
    </div>
  );
}
