import type { SessionDto } from '#contract/dto';

const LABEL: Record<SessionDto['mode'], string> = { simulation: 'SIMULATION', paper: 'PAPER', live: 'LIVE' };

/** The trading mode, on every screen, impossible to miss: LIVE is red. */
export function ModeBadge({ mode }: { mode: SessionDto['mode'] | undefined }) {
  if (!mode) return <span className="badge badge-unknown">…</span>;
  return (
    <span className={`badge badge-${mode}`} data-testid="mode-badge">
      {LABEL[mode]}
    </span>
  );
}
