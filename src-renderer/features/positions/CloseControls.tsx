import type { StructureDto } from '#contract/trading-dto';
import { ConfirmDialog } from '#renderer/components/ConfirmDialog.tsx';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { closeSummary, legCloseBlock } from './position-groups.ts';
import { usePositionsStore } from './positions-store.ts';

/** A leg's place in its structure, for closing it on its own. */
export interface StructureLegRef {
  readonly structure: StructureDto;
  readonly legIndex: number;
}

/** Closes one leg of a structure after the confirmation; disabled, saying why, where the engine would refuse. */
export function LegCloseButton({ leg, stale }: { leg: StructureLegRef; stale: boolean }) {
  const askClose = usePositionsStore((s) => s.askClose);
  const { structure: s, legIndex } = leg;
  const spec = s.legs.find((l) => l.index === legIndex)!;
  const blocked = legCloseBlock(s, legIndex);
  return (
    <button
      type="button"
      className="small-button"
      disabled={stale || blocked !== undefined}
      title={blocked ?? 'Close this leg on its own, at market'}
      onClick={(e) => {
        e.stopPropagation();
        askClose({ kind: 'leg', structureId: s.structureId, kindName: s.kind, legIndex, instrumentId: spec.instrumentId, side: spec.side, held: Math.abs(spec.held) });
      }}
      data-testid="close-leg"
    >
      Close
    </button>
  );
}

/** The one confirmation every close asks for, saying exactly what will be sent. */
export function CloseDialog() {
  const c = usePositionsStore((s) => s.confirming);
  const closing = usePositionsStore((s) => s.closing);
  const error = usePositionsStore((s) => s.error);
  const cancel = usePositionsStore((s) => s.cancelClose);
  const confirm = usePositionsStore((s) => s.confirmClose);
  if (!c) return null;
  return (
    <ConfirmDialog
      title={c.kind === 'structure' ? 'Exit the structure?' : c.kind === 'leg' ? 'Close this leg?' : 'Close the position?'}
      confirmLabel={c.kind === 'structure' ? 'Exit at market' : c.kind === 'leg' ? 'Close the leg at market' : 'Close at market'}
      busyLabel="Sending…"
      cancelLabel="Keep it"
      busy={closing}
      tone="danger"
      {...(error ? { error } : {})}
      onConfirm={() => void confirm()}
      onCancel={cancel}
      testId="close-dialog"
      confirmTestId="close-confirm"
    >
      <p>{closeSummary(c, (id) => instrumentLabel(id).name)}</p>
      <p className="small muted">It goes through risk like every order; while trading is halted only the kill switch closes positions.</p>
    </ConfirmDialog>
  );
}
