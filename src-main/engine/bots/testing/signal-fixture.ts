import { botId, instrumentId, intentId, signalId } from '#model/ids';
import type { Signal } from '#model/signal';

/** A straddle entry signal on NIFTY for tests: taken (with these intents) or filtered. */
export const entrySignal = (id: string, taken: boolean, intents: readonly string[] = []): Signal => ({
  id: signalId(id),
  botId: botId('short-straddle'),
  instrumentId: instrumentId('NSE_INDEX', 'NIFTY'),
  tsEvent: 1,
  kind: 'entry',
  rule: 'short-straddle/entry',
  direction: 'neutral',
  strength: 0.5,
  scores: {},
  inputs: {},
  sources: [],
  decision: taken ? { kind: 'taken', reason: 'sold 1 lot' } : { kind: 'filtered', reason: 'IV low' },
  notes: [],
  intentIds: intents.map(intentId),
});
