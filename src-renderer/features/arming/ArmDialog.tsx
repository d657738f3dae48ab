import { useEffect, useState } from 'react';
import type { AccountDto, RiskDto } from '#contract/trading-dto';
import { Modal } from '#renderer/components/Modal.tsx';
import { formatInrCompact, formatPrice } from '#renderer/lib/format.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { useBotsStore } from '#renderer/stores/bots-store.ts';
import { ARM_WORD, armingConsequences, isArmWord, switchConsequences } from './arm-confirm.ts';
import './arming.css';

const UNIT: Record<string, string> = { lots: 'lots', positions: 'positions', 'orders-per-second': 'orders/s', 'rupees-per-iv-point': '₹/IV pt', 'rupees-per-day': '₹/day', 'lots-per-1pct': 'lots per 1 %' };

function limitText(l: RiskDto['limits'][number]): string {
  return l.unit === 'rupees' ? formatInrCompact(l.limit) : `${formatPrice(l.limit, Number.isInteger(l.limit) ? 0 : 2)} ${UNIT[l.unit] ?? l.unit}`;
}

/** The risk view while the dialog is open: the limits every live order will meet. */
function useRiskLimits(): RiskDto | undefined {
  const [risk, setRisk] = useState<RiskDto>();
  useEffect(() => getBridge().subscribe('risk', {}, { snapshot: setRisk, delta: setRisk }), []);
  return risk;
}

/**
 * The live arming step: it says what will happen (real orders, to which account, from which bots, within
 * which limits) and arms only once the trader types the confirmation word. The engine checks the account
 * (and, for a switch to live, the word) again and records the arming in the audit log. `switchFrom` makes it
 * the switch from that mode to live: the same step, saying first which engine stops.
 */
export function ArmDialog({ account, onArm, onCancel, switchFrom }: { account: AccountDto; onArm: (rememberToday: boolean, word: string) => Promise<void>; onCancel: () => void; switchFrom?: string }) {
  const [typed, setTyped] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const bots = useBotsStore((s) => s.bots);
  const risk = useRiskLimits();
  const live = bots.filter((b) => b.execution === 'live');
  const lines = armingConsequences(account, live, formatInrCompact);
  const action = switchFrom ? 'Switch to live' : 'Arm live';
  const ready = isArmWord(typed) && !busy;
  const limits = risk?.limits.filter((l) => l.scope === 'portfolio') ?? [];
  return (
    <Modal title={switchFrom ? 'Switch to live trading' : 'Arm live trading'} onClose={onCancel} testId="arm-dialog">
      <form
        className="arm-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          setBusy(true);
          void onArm(remember, typed).finally(() => setBusy(false));
        }}
      >
        {switchFrom ? (
          <ul className="small switch-lines" data-testid="arm-switch">
            {switchConsequences(switchFrom).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : null}
        <ul className="arm-lines" data-testid="arm-consequences">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        {limits.length > 0 ? (
          <table className="table arm-limits" data-testid="arm-limits">
            <tbody>
              {limits.map((l) => (
                <tr key={`${l.check}-${l.scope}`}>
                  <td>{l.label}</td>
                  <td className="num">{limitText(l)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : risk ? null : (
          <p className="muted small">Reading the risk limits…</p>
        )}
        <label className="arm-word">
          <span>
            Type <strong className="live-text">{ARM_WORD}</strong> to send real orders
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={typed !== '' && !isArmWord(typed) && typed.trim().length >= ARM_WORD.length ? 'true' : undefined} data-testid="arm-word" />
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="arm-remember" /> keep armed after a restart until the end of this IST day
        </label>
        <div className="actions">
          <button type="submit" className="arm-confirm" disabled={!ready} data-testid="arm-confirm-button">
            {busy ? (switchFrom ? 'Switching…' : 'Arming…') : action}
          </button>
          <button type="button" onClick={onCancel} data-testid="arm-cancel">
            Cancel
          </button>
          {!isArmWord(typed) ? <span className="muted small-inline">Live orders stay refused until you confirm.</span> : null}
        </div>
      </form>
    </Modal>
  );
}
