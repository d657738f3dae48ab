import { err, ok, type Result } from '#core/result';
import type { StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OrderProposal } from '#risk/pre-trade';
import type { StructureRecord } from '#store/structures-repository';
import type { ExecutionContext } from '../execution-context.ts';
import { orderProposal } from '../proposals.ts';
import type { SubmitError } from '../submit-errors.ts';

type EnterIntent = Extract<Intent, { kind: 'enter-structure' }>;

const MAX_LEGS = 20;

/** Checks a structure intent and builds its record (status pending) and one risk proposal per leg. */
export function buildStructure(ctx: ExecutionContext, intent: EnterIntent, id: StructureId): Result<{ record: StructureRecord; proposals: OrderProposal[] }, SubmitError> {
  const bad = (message: string) => err<SubmitError>({ kind: 'invalid-order', message: `structure ${intent.intentId}: ${message}` });
  if (intent.legs.length === 0 || intent.legs.length > MAX_LEGS) return bad(`needs 1 to ${MAX_LEGS} legs, got ${intent.legs.length}`);
  const p = intent.policy;
  if (!(p.legTimeoutMs > 0)) return bad('policy legTimeoutMs must be positive');
  if (p.kind === 'complete' && !(Number.isInteger(p.maxRetries) && p.maxRetries >= 0 && p.chaseStepTicks >= 0 && p.chaseBandPct >= 0)) {
    return bad('policy needs a whole maxRetries ≥ 0 and non-negative chaseStepTicks and chaseBandPct');
  }
  const now = ctx.clock.now();
  const proposals: OrderProposal[] = [];
  for (const [i, leg] of intent.legs.entries()) {
    const instrument = ctx.instruments.tradable(leg.instrumentId);
    if (!instrument) return err({ kind: 'unknown-instrument', message: `structure leg ${i}: instrument ${leg.instrumentId} is not tradable here` });
    const quote = ctx.quotes.quote(leg.instrumentId);
    if (!quote) return err({ kind: 'no-quote', message: `structure leg ${i}: no quote for ${leg.instrumentId} yet` });
    if (!Number.isInteger(leg.quantity) || leg.quantity <= 0 || leg.quantity % instrument.lotSize !== 0) {
      return bad(`leg ${i}: quantity ${leg.quantity} is not a whole number of lots of ${instrument.lotSize}`);
    }
    if (leg.type === 'LIMIT' && !(leg.limitPrice !== undefined && leg.limitPrice > 0)) return bad(`leg ${i}: a LIMIT leg needs a positive limit price`);
    proposals.push(
      orderProposal(
        instrument,
        quote,
        { botId: intent.botId, side: leg.side, quantity: leg.quantity, type: leg.type, product: intent.product, ...(leg.limitPrice !== undefined ? { limitPrice: leg.limitPrice } : {}), reduceOnly: false, structureId: id },
        now,
      ),
    );
  }
  const record: StructureRecord = {
    structureId: id,
    intentId: intent.intentId,
    botId: intent.botId,
    kind: intent.structure,
    product: intent.product,
    policy: intent.policy,
    status: 'pending',
    marginBlocked: 0,
    legs: intent.legs.map((l, index) => ({
      index,
      instrumentId: l.instrumentId,
      side: l.side,
      quantity: l.quantity,
      type: l.type,
      ...(l.limitPrice !== undefined ? { limitPrice: l.limitPrice } : {}),
      attempts: 0,
      exitAttempts: 0,
    })),
    tsInit: now,
    tsLast: now,
  };
  return ok({ record, proposals });
}
