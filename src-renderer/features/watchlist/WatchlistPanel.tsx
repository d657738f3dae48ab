import { memo, useEffect, useMemo } from 'react';
import type { QuoteDto } from '#contract/market-dto';
import { ChangeText } from '#renderer/components/ChangeText.tsx';
import { formatPrice } from '#renderer/lib/format.ts';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';
import { useMarketStore } from '#renderer/stores/market-store.ts';
import { useSessionStore } from '#renderer/stores/session-store.ts';

const ORDER = ['NSE_INDEX:NIFTY', 'NSE_INDEX:BANKNIFTY', 'NSE_INDEX:FINNIFTY', 'BSE_INDEX:SENSEX', 'NSE_INDEX:INDIAVIX'];
const rank = (id: string, kind: string | undefined): number => {
  const i = ORDER.indexOf(id);
  if (i >= 0) return i;
  return kind === 'future' ? 10 : 20;
};

/** The ids in watchlist order: indices, India VIX, futures, then the legs the trader added. */
export function useWatchlistIds(): string[] {
  const instruments = useMarketStore((s) => s.instruments);
  const legs = useMarketStore((s) => s.legs);
  return useMemo(() => {
    const base = [...instruments].sort((a, b) => rank(a.id, a.kind) - rank(b.id, b.kind)).map((i) => i.id);
    return [...base, ...legs.filter((l) => !base.includes(l))];
  }, [instruments, legs]);
}

/** One row; it renders again only when its own quote (a new object per tick) or its selection changes. */
const Row = memo(function Row({ id, quote, selected, removable }: { id: string; quote: QuoteDto | undefined; selected: boolean; removable: boolean }) {
  const select = useMarketStore((s) => s.select);
  const removeLeg = useMarketStore((s) => s.removeLeg);
  const label = instrumentLabel(id);
  return (
    <tr className={selected ? 'selected' : ''} onClick={() => select(id)} data-testid={`watch-${id}`} aria-selected={selected}>
      <td className="name" title={label.name}>
        <span>{label.short[0]}</span>
        {label.short[1] ? <span className="muted small-inline">{label.short[1]}</span> : null}
      </td>
      <td className="num" data-testid={`watch-ltp-${id}`}>
        {quote ? formatPrice(quote.ltp) : '—'}
      </td>
      <td className="num">{quote ? <ChangeText ltp={quote.ltp} prevClose={quote.prevClose} stacked testId={`watch-change-${id}`} /> : '—'}</td>
      <td className="row-action">
        {removable ? (
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${label.name}`}
            onClick={(e) => {
              e.stopPropagation();
              removeLeg(id);
            }}
          >
            ×
          </button>
        ) : null}
      </td>
    </tr>
  );
});

/** Indices, India VIX, futures and any option leg the trader charted: last, change and % from the previous close. */
export function WatchlistPanel() {
  const ids = useWatchlistIds();
  const quotes = useMarketStore((s) => s.quotes);
  const legs = useMarketStore((s) => s.legs);
  const fallback = useSessionStore((s) => s.session?.chartInstrument);
  const selected = useMarketStore((s) => s.selected) ?? fallback;
  const register = useCommandsStore((s) => s.register);
  useEffect(() => {
    const step = (d: number) => () => {
      const list = ids;
      const at = list.indexOf(useMarketStore.getState().selected ?? fallback ?? '');
      const next = list[(at + d + list.length) % list.length];
      if (next) useMarketStore.getState().select(next);
    };
    return register([
      { id: 'watch.next', title: 'Next symbol in the watchlist', group: 'Chart', keys: ']', run: step(1) },
      { id: 'watch.prev', title: 'Previous symbol in the watchlist', group: 'Chart', keys: '[', run: step(-1) },
    ]);
  }, [register, ids, fallback]);
  return (
    <div className="panel-body scroll">
      <table className="table watchlist" data-testid="watchlist">
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Last</th>
            <th className="num" title="From the previous session's close">
              Chg / %
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <Row key={id} id={id} quote={quotes[id]} selected={id === selected} removable={legs.includes(id)} />
          ))}
        </tbody>
      </table>
      <p className="muted small pad">Change is from the previous session’s close. Click a row to chart it; add option legs from the option chain.</p>
    </div>
  );
}
