import { useEffect } from 'react';
import type { BotDto } from '#contract/dto';
import { followBots, useBotsStore } from '#renderer/stores/bots-store.ts';

function BotRow({ bot }: { bot: BotDto }) {
  const error = useBotsStore((s) => s.errors[bot.id]);
  const pending = useBotsStore((s) => s.pending[bot.id] ?? false);
  const start = useBotsStore((s) => s.start);
  const stop = useBotsStore((s) => s.stop);
  const running = bot.state === 'running' || bot.state === 'paused';
  return (
    <li className="bot" data-testid={`bot-${bot.id}`} data-state={bot.state}>
      <div className="bot-head">
        <span className="bot-name">{bot.name}</span>
        <span className={`state state-${bot.state}`}>{bot.state}</span>
        <button type="button" disabled={pending} onClick={() => void (running ? stop(bot.id) : start(bot.id))} data-testid={`bot-toggle-${bot.id}`}>
          {running ? 'Stop' : 'Start'}
        </button>
      </div>
      <p className="bot-desc">{bot.description}</p>
      {!bot.available && bot.message ? <p className="muted small">{bot.message}</p> : null}
      {error ? (
        <p className="error" role="alert" data-testid={`bot-error-${bot.id}`}>
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function BotsPanel() {
  const bots = useBotsStore((s) => s.bots);
  useEffect(() => followBots(), []);
  return (
    <section className="panel bots-panel">
      <div className="panel-head">
        <h2>Bots</h2>
        <span className="muted">{bots.length}</span>
      </div>
      <ul className="bots" data-testid="bots">
        {bots.map((b) => (
          <BotRow key={b.id} bot={b} />
        ))}
      </ul>
    </section>
  );
}
