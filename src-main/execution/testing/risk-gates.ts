import { err, ok } from '#core/result';
import type { OrderProposal, RiskCheckName, RiskGate, StructureProposal } from '#risk/pre-trade';

/** A RiskGate test double that remembers what it was asked and what was sent. */
export interface RecordingGate extends RiskGate {
  readonly checked: OrderProposal[];
  readonly structures: StructureProposal[];
  readonly sent: OrderProposal[];
}

function recording(decide: (p: OrderProposal) => RiskCheckName | undefined, decideStructure: (s: StructureProposal) => RiskCheckName | undefined): RecordingGate {
  const checked: OrderProposal[] = [];
  const structures: StructureProposal[] = [];
  const sent: OrderProposal[] = [];
  return {
    checked,
    structures,
    sent,
    check(p) {
      checked.push(p);
      const c = decide(p);
      return c === undefined ? ok(undefined) : err({ check: c, reason: `test gate refuses (${c})` });
    },
    /** Like the real gate: the structure's own verdict, then every leg's own checks. */
    checkStructure(s) {
      structures.push(s);
      checked.push(...s.legs);
      const c = decideStructure(s) ?? s.legs.map(decide).find((x) => x !== undefined);
      return c === undefined ? ok(undefined) : err({ check: c, reason: `test gate refuses the structure (${c})` });
    },
    recordSent(p) {
      sent.push(p);
    },
  };
}

export const allowAll = (): RecordingGate => recording(() => undefined, () => undefined);

/** Refuses every order the predicate picks (all by default) with the named check. */
export const rejectWith = (check: RiskCheckName, when: (p: OrderProposal) => boolean = () => true): RecordingGate =>
  recording((p) => (when(p) ? check : undefined), () => undefined);

export const rejectStructuresWith = (check: RiskCheckName): RecordingGate => recording(() => undefined, () => check);
