import { Fragment, memo, useMemo } from 'react';
import type { GreeksDto, PositionDto, PositionsDto } from '#contract/trading-dto';
import { formatInr, formatPrice, formatSigned } from '#renderer/lib/format.ts';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { CloseDialog, LegCloseButton, type StructureLegRef } from './CloseControls.tsx';
import { groupPositions, shortId, type StructureGroup } from './position-groups.ts';
import { PayoffView } from './PayoffView.tsx';
import { positionSelection, selectionKey } from './payoff-selection.ts';
import { usePositionsStore } from './positions-store.ts';
import './positions.css';

const pnlClass = (v: number | undefined) => (v === undefined ? 'flat' : v > 0 ? 'up' : v < 0 ? 'down' : 'flat');
const Money = ({ v, testId }: { v: number | undefined; testId?: string }) => (
  <span className={`num ${pnlClass(v)}`} data-testid={testId}>
    {v === undefined ? '—' : formatInr(v)}
  </span>
);

function GreekCells({ g }: { g: GreeksDto | undefined }) {
  if (!g) {
    return (
      <>
        <td className="num muted">—</td>
        <td className="num muted col-gamma">—</td>
        <td className="num muted col-vega">—</td>
        <td className="num muted col-theta">—</td>
      </>
    );
  }
  return (
    <>
      <td className="num">{formatSigned(g.deltaLots, 2)}</td>
      <td className="num col-gamma">{formatSigned(g.gammaLots, 3)}</td>
      <td className="num col-vega">{formatSigned(g.vega, 0)}</td>
      <td className="num col-theta">{formatSigned(g.theta, 0)}</td>
    </>
  );
}

const LegRow = memo(function LegRow({ p, inStructure, stale, selected, leg }: { p: PositionDto; inStructure: boolean; stale: boolean; selected: boolean; leg?: StructureLegRef | undefined }) {
  const askClose = usePositionsStore((s) => s.askClose);
  const select = usePositionsStore((s) => s.select);
  const label = instrumentLabel(p.instrumentId);
  const selection = positionSelection(p);
  return (
    <tr
      className={`${inStructure ? 'leg-row' : 'loose-row'}${selection ? ' selectable' : ''}${selected ? ' selected' : ''}`}
      onClick={selection ? () => select(selection) : undefined}
      title={selection ? 'Click for this position’s payoff' : undefined}
      data-testid="position-row"
      data-instrument={p.instrumentId}
    >
      <td className="leg-name" title={p.instrumentId}>
        {label.name} <span className="muted small-inline">{label.detail ?? ''}</span>
      </td>
      <td className={`num ${p.netQuantity > 0 ? 'up' : 'down'}`}>{formatSigned(p.netQuantity, 0)}</td>
      <td className="num">{formatPrice(p.avgPrice)}</td>
      <td className="num" data-testid="position-ltp">
        {p.mark !== undefined ? formatPrice(p.mark) : '—'}
      </td>
      <td className="num">
        <Money v={p.unrealizedPnl} testId="position-pnl" />
      </td>
      <GreekCells g={p.greeks} />
      <td className="row-buttons">
        {!inStructure && p.botId !== undefined ? (
          <button
            type="button"
            className="small-button"
            disabled={stale}
            onClick={(e) => {
              e.stopPropagation();
              askClose({ kind: 'position', botId: p.botId!, instrumentId: p.instrumentId, product: p.product, netQuantity: p.netQuantity });
            }}
            data-testid="close-position"
          >
            Close
          </button>
        ) : null}
        {leg ? <LegCloseButton leg={leg} stale={stale} /> : null}
      </td>
    </tr>
  );
});

function StructureRows({ g, selectedKey, stale }: { g: StructureGroup; selectedKey: string; stale: boolean }) {
  const selected = selectedKey === selectionKey({ kind: 'structure', structureId: g.structure.structureId });
  const select = usePositionsStore((s) => s.select);
  const askClose = usePositionsStore((s) => s.askClose);
  const s = g.structure;
  const closable = s.status === 'open' || s.status === 'entering' || s.status === 'orphaned';
  const held = s.legs.filter((l) => l.held !== 0).length;
  return (
    <>
      <tr className={`structure-row${selected ? ' selected' : ''}`} onClick={() => select({ kind: 'structure', structureId: s.structureId })} data-testid="structure-row" data-structure={s.structureId}>
        <td>
          <span className="structure-kind">{s.kind}</span>{' '}
          <span className="muted small-inline" title={s.structureId}>
            {shortId(s.structureId)}
          </span>{' '}
          <span className={`state state-${s.status}`} title={s.reason}>
            {s.status}
          </span>
        </td>
        <td className="num muted" data-testid="structure-legs" title={s.reason}>
          {held < s.legs.length ? `${held} of ${s.legs.length} legs` : `${s.legs.length} legs`}
        </td>
        <td />
        <td />
        <td className="num">
          <Money v={s.unrealizedPnl} testId="structure-pnl" />
        </td>
        <GreekCells g={s.greeks} />
        <td className="row-buttons">
          <button
            type="button"
            className="small-button"
            disabled={stale || !closable}
            onClick={(e) => {
              e.stopPropagation();
              askClose({ kind: 'structure', structureId: s.structureId, botId: s.botId, legs: s.legs.length, kindName: s.kind });
            }}
            data-testid="close-structure"
          >
            Exit
          </button>
        </td>
      </tr>
      {g.legs.map((p) => {
        const spec = s.legs.find((l) => l.instrumentId === p.instrumentId && l.held !== 0);
        return <LegRow key={`${p.instrumentId}|${p.product}`} p={p} inStructure stale={stale} selected={legSelected(selectedKey, p)} leg={spec ? { structure: s, legIndex: spec.index } : undefined} />;
      })}
    </>
  );
}

function Totals({ view }: { view: PositionsDto }) {
  const g = view.greeks;
  const portfolio = usePositionsStore((s) => s.selected?.kind === 'portfolio');
  const select = usePositionsStore((s) => s.select);
  const net = view.realizedPnl - view.charges + (view.unrealizedPnl ?? 0);
  return (
    <div className="positions-totals" data-testid="portfolio-greeks">
      <span>
        Open P&amp;L <Money v={view.unrealizedPnl} testId="positions-unrealized" />
      </span>
      <span>
        Realised <Money v={view.realizedPnl} />
      </span>
      <span>
        Charges <span className="num">{formatInr(view.charges)}</span>
      </span>
      <span title="Realised − charges + open">
        Net <Money v={view.unrealizedPnl === undefined ? undefined : net} />
      </span>
      <span className="greeks-summary">
        Δ <span className="num">{g ? formatSigned(g.deltaLots, 2) : '—'}</span> Γ <span className="num">{g ? formatSigned(g.gammaLots, 3) : '—'}</span> V <span className="num">{g ? formatSigned(g.vega, 0) : '—'}</span> Θ{' '}
        <span className="num">{g ? formatSigned(g.theta, 0) : '—'}</span>
      </span>
      {view.unvalued ? <span className="warn-text small-inline">{view.unvalued}</span> : null}
      <button
        type="button"
        className={`small-button${portfolio ? ' active' : ''}`}
        aria-pressed={portfolio}
        disabled={view.positions.length === 0}
        onClick={() => select(portfolio ? undefined : { kind: 'portfolio' })}
        data-testid="book-payoff"
      >
        Book payoff
      </button>
    </div>
  );
}

const legSelected = (key: string, p: PositionDto): boolean => {
  const sel = positionSelection(p);
  return sel !== undefined && selectionKey(sel) === key;
};

/** Positions by bot and structure with marks, P&L and Greeks; the portfolio's Greeks; the payoff and shock table of a structure, a position or the whole book. */
export function PositionsPanel() {
  const view = usePositionsStore((s) => s.view);
  const selectedKey = usePositionsStore((s) => selectionKey(s.selected));
  const stale = useStale();
  const groups = useMemo(() => (view ? groupPositions(view) : []), [view]);
  return (
    <div className="panel-body positions-panel" data-testid="positions-panel">
      {view ? <Totals view={view} /> : null}
      <div className="positions-split">
        <div className="scroll positions-scroll">
          {groups.length === 0 ? (
            <p className="muted pad" data-testid="positions-empty">
              {view ? 'No open positions.' : 'Waiting for the engine…'}
            </p>
          ) : (
            <table className="table positions-table">
              <thead>
                <tr>
                  <th>Instrument</th>
                  <th className="num">Qty</th>
                  <th className="num">Avg</th>
                  <th className="num">LTP</th>
                  <th className="num">P&amp;L</th>
                  <th className="num" title="Delta, futures-equivalent lots">
                    Δ lots
                  </th>
                  <th className="num col-gamma" title="Gamma: change of Δ lots per 1 % of spot">
                    Γ
                  </th>
                  <th className="num col-vega" title="Vega: ₹ per IV point">
                    Vega
                  </th>
                  <th className="num col-theta" title="Theta: ₹ per day">
                    Theta
                  </th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <Fragment key={g.botId ?? '(none)'}>
                    <tr className="bot-row">
                      <td>{g.botId ?? 'No bot (trader / adopted)'}</td>
                      <td />
                      <td />
                      <td />
                      <td className="num">
                        <Money v={g.unrealizedPnl} />
                      </td>
                      <GreekCells g={g.greeks} />
                      <td />
                    </tr>
                    {g.structures.map((s) => (
                      <StructureRows key={s.structure.structureId} g={s} selectedKey={selectedKey} stale={stale} />
                    ))}
                    {g.loose.map((p) => (
                      <LegRow key={`${p.instrumentId}|${p.product}`} p={p} inStructure={false} stale={stale} selected={legSelected(selectedKey, p)} />
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="scroll payoff-side">
          <PayoffView />
        </div>
      </div>
      <CloseDialog />
    </div>
  );
}
