import { memo, useEffect, useRef, useState, type Ref } from 'react';
import { CHAIN_MAX_STRIKES_EACH_SIDE, type ChainDto, type ChainLegDto } from '#contract/market-dto';
import { createPacedFrame } from '#renderer/bridge/frame-batcher.ts';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { formatDateKey, formatPrice, formatQuantity, formatSignedQuantity } from '#renderer/lib/format.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { useMarketStore } from '#renderer/stores/market-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { expectedMoveStrikes, marksBeyondShown, strikesToShowMarks } from './chain-marks.ts';

const UNDERLYINGS = ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX'] as const;
type Underlying = (typeof UNDERLYINGS)[number];
/**
 * The chain is redrawn at most this often. The engine sends a chain when it was repriced: about ten a second in a
 * simulation at 30×, each a table of up to 81 rows laid out and painted again, which a trader cannot read
 * and which kept Chromium busy (the chart is paced the same way).
 */
const CHAIN_REDRAW_MS = 250;
const chainFrame = createPacedFrame(CHAIN_REDRAW_MS);
/** Strikes each side of the money a chain starts with; it widens, up to what the bridge gives, to keep both σ marks in view. */
const MIN_STRIKES_EACH_SIDE = 12;

const pct = (iv: number | undefined) => (iv === undefined ? '—' : `${(iv * 100).toFixed(1)}`);
const delta = (d: number | undefined) => (d === undefined ? '—' : d.toFixed(2).replace('-', '−'));

/** One side's cells, CE mirrored from PE so the strike sits in the middle. */
function LegCells({ leg, side, onChart }: { leg: ChainLegDto | undefined; side: 'CE' | 'PE'; onChart: (id: string) => void }) {
  if (!leg) {
    const blank = ['oi', 'iv', 'delta', 'quote', 'ltp'].map((k) => <td key={k} className={`num col-${k}`} />);
    return <>{side === 'CE' ? blank : blank.reverse()}</>;
  }
  const cells = [
    <td key="oi" className="num col-oi">
      <span>{formatQuantity(leg.oi)}</span>
      {leg.oiChange !== undefined ? <span className={`sub ${leg.oiChange > 0 ? 'up' : leg.oiChange < 0 ? 'down' : 'muted'}`}>{formatSignedQuantity(leg.oiChange)}</span> : null}
    </td>,
    <td key="iv" className="num col-iv">
      {pct(leg.iv)}
    </td>,
    <td key="delta" className="num col-delta">
      {delta(leg.delta)}
    </td>,
    <td key="quote" className="num col-quote">
      <span className="sub">{formatPrice(leg.bid)}</span>
      <span className="sub">{formatPrice(leg.ask)}</span>
    </td>,
    <td key="ltp" className="num col-ltp">
      <button type="button" className="link-button" onClick={() => onChart(leg.instrumentId)} title="Chart this leg" data-testid={`chain-leg-${leg.instrumentId}`}>
        {formatPrice(leg.ltp)}
      </button>
    </td>,
  ];
  return <>{side === 'CE' ? cells : cells.reverse()}</>;
}

type Row = ChainDto['rows'][number];

/** Charts a leg and keeps it in the watchlist. */
function chartLeg(id: string): void {
  useMarketStore.getState().addLeg(id);
  useMarketStore.getState().select(id);
}
const sameLeg = (a: ChainLegDto | undefined, b: ChainLegDto | undefined) =>
  a === b || (!!a && !!b && a.ltp === b.ltp && a.bid === b.bid && a.ask === b.ask && a.iv === b.iv && a.delta === b.delta && a.oi === b.oi && a.oiChange === b.oiChange && a.instrumentId === b.instrumentId);

interface RowProps {
  row: Row;
  atm: boolean;
  mark: string | undefined;
  itmCall: boolean;
  rowRef: Ref<HTMLTableRowElement> | undefined;
  onChart: (id: string) => void;
}

/** One strike; it renders again only when one of its figures changed (each update is a whole new chain). */
const ChainRow = memo(
  function ChainRow({ row, atm, mark, itmCall, rowRef, onChart }: RowProps) {
    return (
      <tr ref={rowRef} className={`${atm ? 'atm' : ''} ${mark ? 'em' : ''}`} data-testid={`chain-row-${row.strike}`} data-atm={atm ? 'true' : undefined}>
        <LegCells leg={row.ce} side="CE" onChart={onChart} />
        <td className={`strike num ${itmCall ? 'itm-ce' : 'itm-pe'}`}>
          {row.strike}
          {atm ? <span className="tag">ATM</span> : null}
          {mark ? (
            <span className="tag tag-em" data-testid={`chain-em-${mark}`}>
              {mark}
            </span>
          ) : null}
        </td>
        <LegCells leg={row.pe} side="PE" onChart={onChart} />
      </tr>
    );
  },
  (a, b) => a.atm === b.atm && a.mark === b.mark && a.itmCall === b.itmCall && a.rowRef === b.rowRef && a.row.strike === b.row.strike && sameLeg(a.row.ce, b.row.ce) && sameLeg(a.row.pe, b.row.pe),
);

/**
 * Strikes around the money for one underlying and expiry: OI and its change today, IV, delta, bid/ask and
 * last on both sides, the ATM strike highlighted and the one-σ expected move marked. A last price charts
 * that leg (and adds it to the watchlist). Narrow panels keep last and OI; the rest show as it widens.
 */
export function ChainPanel() {
  const [underlying, setUnderlying] = useState<Underlying>('NIFTY');
  const [expiry, setExpiry] = useState<string>();
  const [chain, setChain] = useState<ChainDto>();
  const [error, setError] = useState<string>();
  const stale = useStale();
  const simulated = useSessionStore((s) => s.session?.mode === 'simulation');
  const [eachSide, setEachSide] = useState(MIN_STRIKES_EACH_SIDE);
  const atmRow = useRef<HTMLTableRowElement>(null);
  const scrolledFor = useRef('');

  useEffect(() => {
    // The window only widens: a chain whose expected move runs past it is followed by one wider subscription.
    const show = (c: ChainDto) => {
      setChain(c);
      setEachSide((n) => Math.max(n, strikesToShowMarks(c, MIN_STRIKES_EACH_SIDE, CHAIN_MAX_STRIKES_EACH_SIDE)));
    };
    // The newest delta not yet drawn; cleared when this subscription ends, so a paced frame still pending draws nothing.
    let latest: ChainDto | undefined;
    const off = getBridge().subscribe('chain', { underlying, ...(expiry ? { expiry } : {}), strikesEachSide: eachSide }, {
      snapshot: (c) => {
        latest = undefined;
        show(c);
        setError(undefined);
      },
      delta: (c) => {
        const pending = latest !== undefined;
        latest = c;
        if (pending) return;
        chainFrame(() => {
          const next = latest;
          latest = undefined;
          if (next) show(next);
        });
      },
      error: (e) => setError(describeBridgeError(e)),
    });
    return () => {
      latest = undefined;
      off();
    };
  }, [underlying, expiry, eachSide]);

  const shownKey = `${chain?.underlying}|${chain?.expiry}|${chain?.rows.length}`;
  useEffect(() => {
    if (!chain?.rows.length || scrolledFor.current === shownKey) return;
    scrolledFor.current = shownKey;
    atmRow.current?.scrollIntoView({ block: 'center' });
  }, [chain, shownKey]);

  const chart = chartLeg;
  const marks = chain ? expectedMoveStrikes(chain) : undefined;
  const current = chain?.underlying === underlying ? chain : undefined;
  const beyond = current ? marksBeyondShown(current) : [];

  return (
    <div className="panel-body chain-panel" data-testid="chain-panel" data-stale={stale ? 'true' : undefined}>
      <div className="chain-controls">
        <span className="segmented" role="group" aria-label="Underlying">
          {UNDERLYINGS.map((u) => (
            <button
              key={u}
              type="button"
              className={u === underlying ? 'active' : ''}
              aria-pressed={u === underlying}
              onClick={() => {
                setUnderlying(u);
                setExpiry(undefined);
              }}
              data-testid={`chain-underlying-${u}`}
            >
              {u}
            </button>
          ))}
        </span>
        <label className="inline-field">
          Expiry
          <select value={current?.expiry ?? ''} onChange={(e) => setExpiry(e.target.value)} data-testid="chain-expiry" disabled={!current?.expiries.length}>
            {(current?.expiries ?? []).map((x) => (
              <option key={x} value={x}>
                {formatDateKey(x)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {current && current.rows.length ? (
        <p className="chain-summary num" data-testid="chain-summary">
          <span>Spot {formatPrice(current.spot ?? 0)}</span>
          {current.forward !== undefined ? <span>Fwd {formatPrice(current.forward)}</span> : null}
          <span>ATM {current.atmStrike}</span>
          {current.atmIv !== undefined ? <span>IV {(current.atmIv * 100).toFixed(1)}%</span> : null}
          {current.expectedMove !== undefined ? (
            <span title="One standard deviation to expiry: forward × ATM IV × √T" data-testid="chain-expected-move">
              Exp. move ±{formatPrice(current.expectedMove, 0)}
            </span>
          ) : null}
          {beyond.length ? (
            <span className="muted" title="The expected move runs past the widest window of strikes the terminal shows" data-testid="chain-marks-beyond">
              {beyond.map((b) => `${b.label} ${formatPrice(b.level, 0)}`).join(', ')} beyond the strikes shown
            </span>
          ) : null}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {current && current.rows.length === 0 ? (
        <p className="muted small pad" data-testid="chain-empty">
          {current.message ?? (simulated ? 'No quotes yet.' : 'Waiting for OpenAlgo’s option chain (read every few seconds).')}
        </p>
      ) : null}
      {current && current.rows.length && current.message ? (
        <p className="error small pad" role="status" data-testid="chain-problem">
          {current.message}
        </p>
      ) : null}
      {current && current.rows.length ? (
        <div className="scroll chain-scroll">
          <table className="table chain-table" data-testid="chain-table">
            <thead>
              <tr>
                <th className="num col-oi">OI (chg)</th>
                <th className="num col-iv">IV</th>
                <th className="num col-delta">Δ</th>
                <th className="num col-quote">Bid/Ask</th>
                <th className="num col-ltp">CE LTP</th>
                <th className="strike">Strike</th>
                <th className="num col-ltp">PE LTP</th>
                <th className="num col-quote">Bid/Ask</th>
                <th className="num col-delta">Δ</th>
                <th className="num col-iv">IV</th>
                <th className="num col-oi">OI (chg)</th>
              </tr>
            </thead>
            <tbody>
              {current.rows.map((row) => (
                <ChainRow
                  key={row.strike}
                  row={row}
                  atm={row.strike === current.atmStrike}
                  mark={marks?.get(row.strike)}
                  itmCall={current.forward !== undefined && row.strike < current.forward}
                  rowRef={row.strike === current.atmStrike ? atmRow : undefined}
                  onChart={chart}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
