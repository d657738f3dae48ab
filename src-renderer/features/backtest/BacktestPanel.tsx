import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useBacktestStore } from './backtest-store.ts';
import { Results } from './Results.tsx';
import { RunForm } from './RunForm.tsx';
import { RunsList } from './RunsList.tsx';
import './backtest.css';

function BacktestContent() {
  const error = useBacktestStore((s) => s.error);
  return (
    <>
      <RunForm />
      {error ? (
        <p className="error pad" role="alert" data-testid="bt-error">
          {error}
        </p>
      ) : null}
      <RunsList />
      <Results />
    </>
  );
}

/**
 * Backtests of the bots on the engine (the same bots, order path and risk, on a simulated clock), run on a
 * thread beside the live engine: the form, every run with its progress, and the results of the runs ticked.
 * **Full screen** lays the same over the whole window, for reading results and comparing runs.
 */
export function BacktestPanel() {
  const [full, setFull] = useState(false);
  useEffect(() => {
    if (!full) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setFull(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [full]);
  const expand = (
    <button type="button" className="small-button bt-expand" onClick={() => setFull(!full)} data-testid="bt-full">
      {full ? 'Back to the panel' : 'Full screen'}
    </button>
  );
  return (
    <div className="panel-body scroll bt-panel" data-testid="backtest-panel">
      {full ? (
        <>
          <p className="muted pad">The backtests are open full screen. {expand}</p>
          {/* On the body: a panel contains its layout and paint, which would hold a fixed box inside it. */}
          {createPortal(
            <div className="bt-screen" role="dialog" aria-modal="true" aria-label="Backtests" data-testid="bt-screen">
              <div className="bt-screen-head">
                <h2>Backtests</h2>
                <span className="muted small-inline">the live engine keeps trading while they run</span>
                <span className="spacer" />
                {expand}
              </div>
              <div className="bt-screen-body scroll">
                <BacktestContent />
              </div>
            </div>,
            document.body,
          )}
        </>
      ) : (
        <>
          <div className="bt-panel-head">{expand}</div>
          <BacktestContent />
        </>
      )}
    </div>
  );
}
