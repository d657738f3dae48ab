import { describe, expect, it } from 'vitest';
import type { StateCause, TradingState } from './ports.ts';
import { applyTrigger, STATE_TABLE, stateAllows, type StateTrigger, type StateValue } from './trading-state.ts';

const at = (state: TradingState, cause: StateCause | null = null): StateValue => ({ state, cause, since: 1 });

const TRIGGERS: Record<string, StateTrigger> = {
  'limit reduce': { kind: 'limit-breached', limit: 'daily-loss', action: 'reducing', value: 10, threshold: 5 },
  'limit halt': { kind: 'limit-breached', limit: 'overall-drawdown', action: 'halted', value: 10, threshold: 5 },
  'trader reduce': { kind: 'trader-restrict', to: 'reducing' },
  'trader halt': { kind: 'trader-restrict', to: 'halted' },
  kill: { kind: 'kill-switch' },
  resume: { kind: 'trader-resume' },
  rollover: { kind: 'day-rollover', dayKey: '2026-03-11' },
  unreadable: { kind: 'state-unreadable', message: 'x' },
};

/**
 * Every cell of the table, entered from each state with a day-scoped cause (daily loss) where the state
 * has a cause: the expected next state, or '—' when the trigger changes nothing.
 */
const EXPECTED: Record<TradingState, Record<string, TradingState | '—'>> = {
  active: { 'limit reduce': 'reducing', 'limit halt': 'halted', 'trader reduce': 'reducing', 'trader halt': 'halted', kill: 'halted', resume: '—', rollover: '—', unreadable: 'halted' },
  reducing: { 'limit reduce': '—', 'limit halt': 'halted', 'trader reduce': 'reducing', 'trader halt': 'halted', kill: 'halted', resume: 'active', rollover: 'active', unreadable: 'halted' },
  halted: { 'limit reduce': '—', 'limit halt': 'halted', 'trader reduce': 'halted', 'trader halt': 'halted', kill: 'halted', resume: 'active', rollover: 'active', unreadable: 'halted' },
};

describe('trading state machine', () => {
  for (const from of ['active', 'reducing', 'halted'] as const) {
    for (const [name, trigger] of Object.entries(TRIGGERS)) {
      it(`${from} + ${name} → ${EXPECTED[from][name]}`, () => {
        const start = at(from, from === 'active' ? null : 'daily-loss');
        const t = applyTrigger(start, trigger, 99);
        const expected = EXPECTED[from][name]!;
        if (expected === '—') expect(t).toBeUndefined();
        else {
          expect(t?.to.state).toBe(expected);
          expect(t?.from).toEqual(start);
          expect(t?.trigger).toEqual(trigger);
        }
      });
    }
  }

  it('has a cell for every state and move, and no cell loosens except resume and rollover', () => {
    const rank = { active: 0, reducing: 1, halted: 2 } as const;
    for (const [from, row] of Object.entries(STATE_TABLE) as [TradingState, (typeof STATE_TABLE)[TradingState]][]) {
      expect(Object.keys(row).sort()).toEqual(['halt', 'reduce', 'resume', 'rollover']);
      for (const move of ['reduce', 'halt'] as const) {
        const to = row[move];
        expect(to === null || rank[to] >= rank[from]).toBe(true);
      }
    }
  });

  it('rollover releases only a day-scoped cause', () => {
    const rollover = TRIGGERS.rollover!;
    for (const cause of ['daily-loss', 'day-drawdown'] as const) expect(applyTrigger(at('halted', cause), rollover, 5)?.to).toEqual({ state: 'active', cause: null, since: 5 });
    for (const cause of ['overall-drawdown', 'kill-switch', 'trader', 'state-unreadable'] as const) {
      expect(applyTrigger(at('halted', cause), rollover, 5)).toBeUndefined();
      expect(applyTrigger(at('reducing', cause), rollover, 5)).toBeUndefined();
    }
  });

  it('a persistent cause replaces a day-scoped one in the same state, never the reverse', () => {
    const upgraded = applyTrigger(at('reducing', 'daily-loss'), { kind: 'limit-breached', limit: 'overall-drawdown', action: 'reducing', value: 1, threshold: 1 }, 7);
    expect(upgraded?.to).toEqual({ state: 'reducing', cause: 'overall-drawdown', since: 1 });
    expect(applyTrigger(at('reducing', 'overall-drawdown'), TRIGGERS['limit reduce']!, 7)).toBeUndefined();
    expect(applyTrigger(at('halted', 'daily-loss'), TRIGGERS.kill!, 7)?.to.cause).toBe('kill-switch');
  });

  it('records the cause and the instant of a change', () => {
    expect(applyTrigger(at('active'), TRIGGERS.kill!, 42)?.to).toEqual({ state: 'halted', cause: 'kill-switch', since: 42 });
    expect(applyTrigger(at('halted', 'kill-switch'), TRIGGERS.resume!, 43)?.to).toEqual({ state: 'active', cause: null, since: 43 });
  });

  it('lets through what each state allows', () => {
    const entry = { reduceOnly: false };
    const exit = { reduceOnly: true };
    const kill = { reduceOnly: true, killSwitch: true };
    const killEntry = { reduceOnly: false, killSwitch: true };
    expect([entry, exit, kill, killEntry].map((o) => stateAllows('active', o))).toEqual([true, true, true, true]);
    expect([entry, exit, kill, killEntry].map((o) => stateAllows('reducing', o))).toEqual([false, true, true, false]);
    expect([entry, exit, kill, killEntry].map((o) => stateAllows('halted', o))).toEqual([false, false, true, false]);
  });
});
