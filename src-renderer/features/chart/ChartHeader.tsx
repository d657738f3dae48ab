import { useEffect, useRef, useState } from 'react';
import { ChangeText } from '#renderer/components/ChangeText.tsx';
import { STUDY_LABELS } from '#renderer/charts/study-plan.ts';
import { formatPrice } from '#renderer/lib/format.ts';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { useMarketStore } from '#renderer/stores/market-store.ts';
import { STUDIES, TIMEFRAMES, usePrefsStore } from '#renderer/stores/prefs-store.ts';
import type { TimeframeDto } from '#renderer/stores/types.ts';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';

/** Name, last price and change from the previous close, timeframes and the indicator menu. */
export function ChartHeader({ instrumentId, timeframe, stale }: { instrumentId: string | undefined; timeframe: TimeframeDto; stale: boolean }) {
  const quote = useMarketStore((s) => (instrumentId ? s.quotes[instrumentId] : undefined));
  const setTimeframe = usePrefsStore((s) => s.setTimeframe);
  const label = instrumentId ? instrumentLabel(instrumentId) : undefined;
  const register = useCommandsStore((s) => s.register);
  useEffect(
    () =>
      register([
        ...TIMEFRAMES.map((tf, i) => ({ id: `tf.${tf}`, title: `${tf} candles`, group: 'Chart' as const, keys: String(i + 1), run: () => usePrefsStore.getState().setTimeframe(tf) })),
        {
          id: 'view.theme',
          title: 'Switch between dark and light theme',
          group: 'View' as const,
          keys: 't',
          run: () => usePrefsStore.getState().setTheme(usePrefsStore.getState().theme === 'dark' ? 'light' : 'dark'),
        },
      ]),
    [register],
  );
  return (
    <div className="panel-head chart-head">
      <h2 data-testid="chart-title">
        {label?.name ?? '…'}
        {label?.detail ? <span className="muted small-inline"> {label.detail}</span> : null}
      </h2>
      {quote ? (
        <span className="chart-quote" data-testid="chart-quote" data-stale={stale ? 'true' : undefined}>
          <strong className="num" data-testid="chart-ltp">
            {formatPrice(quote.ltp)}
          </strong>
          <ChangeText ltp={quote.ltp} prevClose={quote.prevClose} testId="chart-change" />
        </span>
      ) : null}
      <span className="spacer" />
      <span className="timeframes" role="group" aria-label="Timeframe">
        {TIMEFRAMES.map((tf) => (
          <button key={tf} type="button" className={tf === timeframe ? 'active' : ''} aria-pressed={tf === timeframe} onClick={() => setTimeframe(tf)} data-testid={`tf-${tf}`}>
            {tf}
          </button>
        ))}
      </span>
      <StudiesMenu />
    </div>
  );
}

function StudiesMenu() {
  const studies = usePrefsStore((s) => s.studies);
  const toggle = usePrefsStore((s) => s.toggleStudy);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const register = useCommandsStore((s) => s.register);
  useEffect(() => register([{ id: 'chart.studies', title: 'Indicators menu', group: 'Chart', keys: 'i', run: () => setOpen((o) => !o) }]), [register]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={box}>
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="studies-button">
        Indicators ({studies.length})
      </button>
      {open ? (
        <div className="menu-list" role="menu" data-testid="studies-menu">
          {STUDIES.map((id) => (
            <label key={id} className="menu-item">
              <input type="checkbox" checked={studies.includes(id)} onChange={() => toggle(id)} data-testid={`study-${id}`} />
              {STUDY_LABELS[id]}
            </label>
          ))}
          <p className="muted small">Computed in the engine by the indicators the bots read.</p>
        </div>
      ) : null}
    </div>
  );
}
