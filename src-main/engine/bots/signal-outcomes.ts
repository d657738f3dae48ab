import type { Result } from '#core/result';
import type { IntentId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { SubmitError } from '#execution/submit-errors';

/** Why an intent never reached the broker, as the trader reads it. */
export function refusalReason(error: SubmitError): string {
  return error.kind === 'risk-denied' ? `refused by risk: ${error.message}` : `refused by the order manager: ${error.message}`;
}

/**
 * A taken signal once some of its intents were refused before reaching the broker. All refused: the
 * decision is `refused` with the refusals' reasons, the bot's own reason kept as a note. Some refused: it
 * stays `taken` (the rest went on) and its reason says how many of its intents were refused and why.
 */
export function signalAfterRefusals(signal: Signal, refused: ReadonlyMap<IntentId, string>): Signal {
  const mine = signal.intentIds.filter((id) => refused.has(id));
  if (signal.decision.kind !== 'taken' || mine.length === 0) return signal;
  const reasons = [...new Set(mine.map((id) => refused.get(id)!))].join('; ');
  if (mine.length === signal.intentIds.length) {
    return { ...signal, decision: { kind: 'refused', reason: reasons }, notes: [...signal.notes, `the bot's own rules had decided to trade: ${signal.decision.reason}`] };
  }
  return {
    ...signal,
    decision: { kind: 'taken', reason: `${signal.decision.reason} — partly refused: ${mine.length} of ${signal.intentIds.length} intents never reached the broker (${reasons})` },
    notes: [...signal.notes, ...mine.map((id) => `intent ${id} ${refused.get(id)!}`)],
  };
}

interface Pending {
  readonly original: Signal;
  /** Intents not yet answered by the order manager. */
  readonly open: Set<IntentId>;
  readonly refused: Map<IntentId, string>;
}

/**
 * The taken signals whose intents the order manager has not answered yet. Each answer settles one intent;
 * a refusal gives the signal's new form to store and stream. A signal is forgotten once all its intents
 * are answered, so the map holds only what is in flight.
 */
export class SignalOutcomes {
  private readonly bySignal = new Map<string, Pending>();
  private readonly byIntent = new Map<IntentId, Pending>();

  /** The signals just stored; only taken ones that named intents are followed. */
  track(signals: readonly Signal[]): void {
    for (const s of signals) {
      if (s.decision.kind !== 'taken' || s.intentIds.length === 0) continue;
      const p: Pending = { original: s, open: new Set(s.intentIds), refused: new Map() };
      this.bySignal.set(s.id, p);
      for (const id of s.intentIds) this.byIntent.set(id, p);
    }
  }

  /** The intent reached the order path (or went on from it): nothing changes in its signal. */
  accepted(intentId: IntentId): void {
    this.settle(intentId);
  }

  /** The intent was refused: its signal's new form, or undefined when no followed signal named it. */
  refused(intentId: IntentId, reason: string): Signal | undefined {
    const p = this.byIntent.get(intentId);
    if (!p) return undefined;
    p.refused.set(intentId, reason);
    this.settle(intentId);
    return signalAfterRefusals(p.original, p.refused);
  }

  /**
   * Follows one intent's answer from the order path: accepted, nothing changes; refused or failed, `on` hears
   * why (for its log) and gets the signal's new form to store, when a followed signal named the intent.
   */
  follow(
    intentId: IntentId,
    answer: Promise<Result<unknown, SubmitError>>,
    on: { refused(error: SubmitError): void; failed(e: unknown): string; amended(signal: Signal): void },
  ): void {
    const amend = (reason: string): void => {
      const amended = this.refused(intentId, reason);
      if (amended) on.amended(amended);
    };
    answer.then(
      (res) => {
        if (res.ok) return this.accepted(intentId);
        on.refused(res.error);
        amend(refusalReason(res.error));
      },
      (e: unknown) => amend(on.failed(e)),
    );
  }

  /** How many signals wait for an answer (for tests: none once everything settled). */
  get size(): number {
    return this.bySignal.size;
  }

  private settle(intentId: IntentId): void {
    const p = this.byIntent.get(intentId);
    if (!p) return;
    this.byIntent.delete(intentId);
    p.open.delete(intentId);
    if (p.open.size === 0) this.bySignal.delete(p.original.id);
  }
}
