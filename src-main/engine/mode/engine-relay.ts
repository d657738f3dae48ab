import type { Engine } from '../engine.ts';
import type { EngineApi, LiveSwitch } from '../engine-api.ts';
import { RelayBus } from './relay-bus.ts';

export interface EngineRelay {
  /** What the shells hold: always the engine running now. */
  readonly engine: Engine;
  /** Points the relay at `next` and tells every listener (`engine-replaced`), so streams start again from a snapshot. */
  replace(next: Engine): void;
}

/**
 * The engine as the shells see it across mode switches. Every member is read from the engine running
 * now at the moment of use (a Proxy, so a member added to the engine needs no change here), except the
 * event bus, which stays one object, and `setMode` and `live`, which the switcher answers.
 */
export function createEngineRelay(initial: Engine, control: { readonly setMode: EngineApi['setMode']; readonly live: LiveSwitch }): EngineRelay {
  let current = initial;
  const events = new RelayBus(initial.events);
  const engine = new Proxy(initial, {
    get(_target, key) {
      if (key === 'events') return events;
      if (key === 'setMode') return control.setMode;
      if (key === 'live') return control.live;
      return Reflect.get(current, key, current) as unknown;
    },
    has: (_target, key) => Reflect.has(current, key),
  });
  return {
    engine,
    replace(next) {
      current = next;
      events.moveTo(next.events);
      next.events.publish('engine-replaced', next.status());
    },
  };
}
