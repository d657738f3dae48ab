import { createPortal } from 'react-dom';
import { ArmDialog } from '#renderer/features/arming/ArmDialog.tsx';
import { useTradingStore } from './trading-store.ts';

/**
 * Live arming, shown only when orders would reach a real broker. Arming opens a dialog that names the account
 * OpenAlgo trades for (the engine checks it again) and asks for the confirmation word; "keep armed" keeps it
 * across a restart until the IST date changes.
 */
export function ArmControl() {
  const status = useTradingStore((s) => s.status);
  const account = useTradingStore((s) => s.armAccount);
  const prepareArm = useTradingStore((s) => s.prepareArm);
  const cancelArm = useTradingStore((s) => s.cancelArm);
  const arm = useTradingStore((s) => s.arm);
  const disarm = useTradingStore((s) => s.disarm);
  if (!status?.liveOrders) return null;
  if (status.armed) {
    const account = `${status.account ? `: ${status.account.broker} at ${status.account.host}` : ''}${status.rememberedFor ? ` (until the end of ${status.rememberedFor})` : ''}`;
    // One line whatever the account's name: the top bar must not grow when live is armed.
    return (
      <span className="arming armed" data-testid="arming" title={`LIVE ARMED${account}`}>
        <span className="arming-label">LIVE ARMED{account}</span>
        <button type="button" onClick={() => void disarm()} data-testid="disarm-button">
          Disarm
        </button>
      </span>
    );
  }
  return (
    <span className="arming" data-testid="arming">
      <span className="muted small-inline" data-testid="arming-state">
        live orders refused: not armed
      </span>
      <button type="button" className="arm-button" onClick={() => void prepareArm()} data-testid="arm-button">
        Arm live
      </button>
      {account ? createPortal(<ArmDialog account={account} onArm={arm} onCancel={cancelArm} />, document.body) : null}
    </span>
  );
}
