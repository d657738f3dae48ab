import { useEffect } from 'react';
import { ArmControl } from './ArmControl.tsx';
import { KillSwitch } from './KillSwitch.tsx';
import { followTrading, useTradingStore } from './trading-store.ts';
import './trading.css';

/** The top bar's trading part: the trading state, live arming, the kill switch and its last answer. */
export function TradingControls() {
  const riskState = useTradingStore((s) => s.riskState);
  const lastKill = useTradingStore((s) => s.lastKill);
  const error = useTradingStore((s) => s.error);
  useEffect(() => followTrading(), []);
  return (
    <span className="trading-controls">
      {riskState && riskState !== 'active' ? (
        <span className={`trading-state trading-state-${riskState}`} data-testid="trading-state">
          {riskState.toUpperCase()}
        </span>
      ) : null}
      <ArmControl />
      <KillSwitch />
      {error ? (
        <span className="error small" role="alert" data-testid="trading-error">
          {error}
        </span>
      ) : lastKill ? (
        <span className={`small ${lastKill.flat ? 'muted' : 'error'}`} data-testid="kill-result">
          {lastKill.message}
        </span>
      ) : null}
    </span>
  );
}
