import { err, ok, type Result } from '#core/result';
import type { StructureStatus } from '#model/structure';

/**
 * The structure lifecycle as data, like the order table. `orphaned` can be left only by the trader's
 * retry (back to unwinding or exiting) or once every leg is flat. `open` goes back to `entering` only
 * when the trader completes a structure whose leg reconciliation found missing.
 */
export const STRUCTURE_TRANSITIONS: Readonly<Record<StructureStatus, readonly StructureStatus[]>> = {
  pending: ['denied', 'entering'],
  denied: [],
  entering: ['open', 'unwinding'],
  open: ['exiting', 'entering'],
  unwinding: ['unwound', 'orphaned'],
  unwound: [],
  exiting: ['closed', 'orphaned'],
  closed: [],
  orphaned: ['unwinding', 'exiting', 'unwound', 'closed'],
};

export const TERMINAL_STRUCTURE_STATUSES: ReadonlySet<StructureStatus> = new Set<StructureStatus>(['denied', 'unwound', 'closed']);

export function isStructureTerminal(status: StructureStatus): boolean {
  return TERMINAL_STRUCTURE_STATUSES.has(status);
}

export function structureTransition(from: StructureStatus, to: StructureStatus): Result<StructureStatus, string> {
  return STRUCTURE_TRANSITIONS[from].includes(to) ? ok(to) : err(`structure status '${from}' cannot become '${to}'`);
}
