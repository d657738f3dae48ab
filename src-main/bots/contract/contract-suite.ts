import { describe, expect, it } from 'vitest';
import type { Intent } from '#model/intent';
import { faultedState } from '../run-hook.ts';
import { BotHarness, type HarnessOptions } from '../testing/harness.ts';
import type { BotDefinition } from './bot.ts';
import { describeParams, parseParams } from './params.ts';
import { checkRequirements } from './requirements.ts';

/**
 * The suite every bot registers (as every indicator registers the indicator contract): parameters the
 * editor and optimiser can read, consistent requirements, a state that survives the store, determinism,
 * a context it never mutates, nothing opened before warm-up, and a throw contained as a fault.
 */
export interface BotContractSpec<P, S> {
  readonly def: BotDefinition<P, S>;
  /** A scripted market in which the bot opens (and preferably closes) a position. */
  readonly scenario: HarnessOptions<P>;
  /** The same market with no history folded first: the bot starts cold and must warm up before opening. */
  readonly cold: HarnessOptions<P>;
}

const OPENING = new Set<Intent['kind']>(['place', 'enter-structure']);

export function botContract<P, S>(name: string, spec: BotContractSpec<P, S>): void {
  const { def } = spec;
  describe(`${name}: bot contract`, () => {
    it('describes every parameter; the defaults parse and sit inside their ranges', () => {
      const described = describeParams(def.params);
      expect(described.map((d) => d.key)).toEqual(Object.keys(def.params.shape));
      const defaults = parseParams(def.params, {});
      if (!defaults.ok) throw new Error(defaults.error.message);
      const values = defaults.value as Record<string, unknown>;
      for (const { key, meta } of described) {
        expect(values[key], key).toEqual(meta.default);
        if (meta.kind === 'number') expect(meta.min <= meta.default && meta.default <= meta.max && meta.step > 0, key).toBe(true);
      }
      const unknown = parseParams(def.params, { noSuchParameter: 1 });
      expect(!unknown.ok && unknown.error.message).toMatch(/noSuchParameter/);
    });

    it('declares consistent requirements', () => {
      const defaults = parseParams(def.params, {});
      if (!defaults.ok) throw new Error(defaults.error.message);
      expect(checkRequirements(def.requirements(defaults.value))).toEqual([]);
    });

    it('trades its scenario without a fault; every state it returns matches its schema and survives JSON', () => {
      const h = new BotHarness(def, spec.scenario).runUntil();
      expect(h.faults).toEqual([]);
      expect(h.intents.some((i) => OPENING.has(i.kind))).toBe(true);
      expect(def.state.schema.safeParse(def.state.initial(h.params)).success).toBe(true);
      for (const s of h.states) {
        expect(def.state.schema.safeParse(s).success).toBe(true);
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      }
    });

    it('is deterministic: the same script gives the same intents, signals and state', () => {
      const a = new BotHarness(def, spec.scenario).runUntil();
      const b = new BotHarness(def, spec.scenario).runUntil();
      expect(b.emitted).toEqual(a.emitted);
      expect(b.state).toEqual(a.state);
      expect(a.emitted.length).toBeGreaterThan(0);
    });

    it('never mutates its context: every context is frozen and reads the same after the hook ran', () => {
      const h = new BotHarness(def, spec.scenario).runUntil();
      expect(h.contexts.length).toBeGreaterThan(100);
      for (const c of h.contexts) {
        expect(Object.isFrozen(c) && Object.isFrozen(c.state) && Object.isFrozen(c.params) && Object.isFrozen(c.positions) && Object.isFrozen(c.structures)).toBe(true);
      }
      expect(h.mutations).toEqual([]);
    });

    it('opens nothing before its warm-up, then does', () => {
      const h = new BotHarness(def, spec.cold).runUntil();
      expect(h.faults).toEqual([]);
      expect(h.contexts[0]!.warm).toBe(false);
      const opening = h.emitted.filter((e) => e.intents.some((i) => OPENING.has(i.kind)));
      expect(opening.every((e) => e.warm)).toBe(true);
      expect(opening.length).toBeGreaterThan(0);
    });

    it('a hook that throws is contained: the bot faults to error, nothing escapes', () => {
      const h = new BotHarness(def, { ...spec.scenario, chainFails: true });
      expect(() => h.runUntil()).not.toThrow();
      expect(h.faults).toHaveLength(1);
      expect(h.faults[0]).toMatchObject({ kind: 'threw', hook: 'onBar' });
      expect(h.faults[0]!.message).toMatch(/chain source .* is down/);
      expect(faultedState('running')).toBe('error');
    });
  });
}
