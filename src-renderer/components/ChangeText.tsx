import { formatPercent, formatSigned } from '../lib/format.ts';
import { changeFromPrevClose, toneOf } from '../lib/quote-change.ts';

/** `+12.50 (+0.05%)` from the previous close (or the two stacked), coloured; a dash when there is no previous close yet. */
export function ChangeText({ ltp, prevClose, testId, stacked }: { ltp: number; prevClose: number | undefined; testId?: string; stacked?: boolean }) {
  const change = changeFromPrevClose(ltp, prevClose);
  if (!change) return <span className="muted" data-testid={testId}>—</span>;
  return (
    <span className={`num ${toneOf(change.abs)}`} data-testid={testId} data-change={change.abs.toFixed(2)} data-pct={change.pct.toFixed(2)}>
      {stacked ? (
        <>
          <span className="change-abs">{formatSigned(change.abs)}</span>
          <span className="change-pct">{formatPercent(change.pct)}</span>
        </>
      ) : (
        `${formatSigned(change.abs)} (${formatPercent(change.pct)})`
      )}
    </span>
  );
}
