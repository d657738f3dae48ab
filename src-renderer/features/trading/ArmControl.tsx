import { useState } from 'react';
import { useTradingStore } from './trading-store.ts';

/**
 * Live arming, shown only when orders would reach a real broker. Arming names the account OpenAlgo trades
 * for (the engine checks it again); "remember for today" keeps it across a restart until the IST date changes.
 */
export function ArmControl() {
  const status = useTradingStore((s) => s.status);
  const account = useTradingStore((s) => s.armAccount);
  const prepareArm = useTradingStore((s) => s.prepareArm);
  const cancelArm = useTradingStore((s) => s.cancelArm);
  const arm = useTradingStore((s) => s.arm);
  const disarm = useTradingStore((s) => s.disarm);
  const [remember, setRemember] = useState(false);
  if (!status?.liveOrders) return null;
  if (status.armed) {
    return (
      <span className="arming armed" data-testid="arming">
        LIVE ARMED{status.account ? `: ${status.account.broker} at ${status.account.host}` : ''}
        {status.rememberedFor ? ` (until the end of ${status.rememberedFor})` : ''}
        <button type="button" onClick={() => void disarm()} data-testid="disarm-button">
          Disarm
        </button>
      </span>
    );
  }
  return (
    <span className="arming" data-testid="arming">
      {account ? (
        <>
          <span>
            Send live orders to <strong>{account.broker}</strong> through OpenAlgo at {account.host}?
          </span>
          <label>
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> remember for today
          </label>
          <button type="button" className="arm-button" onClick={() => void arm(remember)} data-testid="arm-confirm-button">
            Arm live
          </button>
          <button type="button" onClick={cancelArm}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="arm-button" onClick={() => void prepareArm()} data-testid="arm-button">
          Arm live
        </button>
      )}
    </span>
  );
}
