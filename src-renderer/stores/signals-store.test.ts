import { describe, expect, it } from 'vitest';
import type { SignalDto } from '#contract/bot-dto';
import { appendCapped, useSignalsStore, visibleSignals } from './signals-store.ts';

const sig = (id: string, botId: string, decision: SignalDto['decision']['kind']): SignalDto => ({
  id,
  botId,
  instrumentId: 'NSE_INDEX:NIFTY',
  tsEvent: Number(id),
  kind: 'entry',
  rule: `${botId}/entry`,
  direction: 'neutral',
  strength: 0.5,
  scores: {},
  inputs: {},
  sources: [],
  decision: { kind: decision, reason: 'r' },
  notes: [],
  intentIds: [],
});

describe('the signals feed', () => {
  it('keeps at most the cap, dropping the oldest, and each signal once', () => {
    let list: SignalDto[] = [];
    for (let i = 1; i <= 5; i++) list = appendCapped(list, sig(String(i), 'a', 'taken'), 3);
    expect(list.map((s) => s.id)).toEqual(['3', '4', '5']);
    expect(appendCapped(list, sig('5', 'a', 'taken'), 3).map((s) => s.id)).toEqual(['3', '4', '5']);
  });

  it('filters by bot and decision, newest first', () => {
    const list = [sig('1', 'a', 'taken'), sig('2', 'b', 'filtered'), sig('3', 'a', 'filtered'), sig('4', 'a', 'taken')];
    expect(visibleSignals(list, {}).map((s) => s.id)).toEqual(['4', '3', '2', '1']);
    expect(visibleSignals(list, { botId: 'a' }).map((s) => s.id)).toEqual(['4', '3', '1']);
    expect(visibleSignals(list, { botId: 'a', decision: 'filtered' }).map((s) => s.id)).toEqual(['3']);
    expect(visibleSignals(list, { decision: 'taken' }).map((s) => s.id)).toEqual(['4', '1']);
  });

  it('replaces a signal streamed again (its intents refused) where it stands, and the refused filter finds it', () => {
    const list = [sig('1', 'a', 'taken'), sig('2', 'a', 'filtered')];
    const refused: SignalDto = { ...sig('1', 'a', 'refused'), decision: { kind: 'refused', reason: 'refused by risk: risk greeks: Net theta would be ₹12,129 per day' } };
    const next = appendCapped(list, refused);
    expect(next.map((s) => [s.id, s.decision.kind])).toEqual([
      ['1', 'refused'],
      ['2', 'filtered'],
    ]);
    expect(visibleSignals(next, { decision: 'refused' }).map((s) => s.decision.reason)).toEqual(['refused by risk: risk greeks: Net theta would be ₹12,129 per day']);
    expect(visibleSignals(next, { decision: 'taken' })).toEqual([]);
  });

  it('an open explanation follows its signal when the engine streams it again', () => {
    const store = useSignalsStore.getState();
    store.setAll([sig('1', 'a', 'taken')]);
    store.open(sig('1', 'a', 'taken'));
    useSignalsStore.getState().add({ ...sig('1', 'a', 'refused'), decision: { kind: 'refused', reason: 'refused by risk: margin' } });
    expect(useSignalsStore.getState().selected?.decision).toEqual({ kind: 'refused', reason: 'refused by risk: margin' });
    expect(useSignalsStore.getState().signals.map((s) => s.decision.kind)).toEqual(['refused']);
  });
});
