import { useEffect } from 'react';
import type { BotDto } from '#contract/dto';
import { useTradingStore } from '#renderer/features/trading/trading-store.ts';
import { errorLine, followBots, startRefusal, useBotsStore } from '#renderer/stores/bots-store.ts';
import { useStale } from '#renderer/stores/session-store.ts';

function BotRow({ bot }: { bot: BotDto }) {
  const error = useBotsStore((s) => s.errors[bot.id]);
  const pending = useBotsStore((s) => s.pending[bot.id] ?? false);
  const start = useBotsStore((s) => s.start);
  const stop = useBotsStore((s) => s.stop);
  const stale = useStale();
  const tradingState = useTradingStore((s) => s.riskState);
  const running = bot.state === 'running' || bot.state === 'paused' || bot.state === 'starting';
  const refusal = running ? (stale ? 'The engine is not connected.' : undefined) : startRefusal(bot, stale, tradingState);
  const extra = errorLine(bot, error);
  return (
    <li className="bot" data-testid={`bot-${bot.id}`} data-state={bot.state} data-available={bot.available ? 'true' : 'false'}>
      <div className="bot-head">
        <span className="bot-name">{bot.name}</span>
        <span className={`state state-${bot.state}`}>{bot.state}</span>
        <button
          type="button"
          disabled={pending || refusal !== undefined}
          title={refusal}
          onClick={() => void (running ? stop(bot.id) : start(bot.id))}
          data-testid={`bot-toggle-${bot.id}`}
        >
          {running ? 'Stop' : 'Start'}
        </button>
      </div>
      <p className="bot-desc">{bot.description}</p>
      {refusal && !running ? (
        <p className="muted small" data-testid={`bot-reason-${bot.id}`}>
          {refusal}
        </p>
      ) : null}
      {extra ? (
        <p className="error" role="alert" data-testid={`bot-error-${bot.id}`}>
          {extra}
        </p>
      ) : null}
    </li>
  );
}

export function BotsPanel() {
  const bots = useBotsStore((s) => s.bots);
  useEffect(() => followBots(), []);
  return (
    <div className="panel-body scroll">
      <ul className="bots" data-testid="bots">
        {bots.map((b) => (
          <BotRow key={b.id} bot={b} />
        ))}
      </ul>
    </div>
  );
}
