import type { SessionDto } from '#contract/dto';

const LABEL: Record<SessionDto['mode'], string> = { simulation: 'SIMULATION', paper: 'PAPER', live: 'LIVE' };
const TITLE: Record<SessionDto['mode'], string> = {
  simulation: 'Simulated market and paper broker: no real money',
  paper: 'Real market data from OpenAlgo, paper orders: no real money',
  live: 'LIVE: orders go to your broker with real money',
};

/** The trading mode, on every screen, impossible to miss: LIVE is solid red. */
export function ModeBadge({ mode, stale }: { mode: SessionDto['mode'] | undefined; stale?: boolean }) {
  if (!mode) return <span className="badge badge-unknown">…</span>;
  return (
    <span className={`badge badge-${mode}`} data-testid="mode-badge" data-mode={mode} data-stale={stale ? 'true' : undefined} title={TITLE[mode]}>
      {LABEL[mode]}
    </span>
  );
}
