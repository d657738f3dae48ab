import type { Bus } from '#core/bus';
import { err, ok, type Result } from '#core/result';
import { nextBotState, type BotEvent, type BotState } from '#bots/bot-fsm';
import { BOT_CATALOG, type BotDescriptor } from '#bots/catalog';
import type { BotInfo, EngineError, EngineEvents } from './engine-api.ts';

interface Slot {
  readonly descriptor: BotDescriptor;
  state: BotState;
  /** False until the bot's strategy is part of the build. */
  readonly available: boolean;
}

export interface BotManagerDeps {
  readonly events: Bus<EngineEvents>;
  /** Why no bot may start now (trading not started, halted), or undefined when they may. */
  readonly startRefusal: () => string | undefined;
}

/**
 * Owns every bot's lifecycle through the bot state machine. In this build the strategies themselves are
 * not present yet, so a start is refused with a reason the trader can read instead of pretending.
 */
export function createBotManager(deps: BotManagerDeps) {
  const { events } = deps;
  const slots = new Map<string, Slot>(BOT_CATALOG.map((d) => [d.id, { descriptor: d, state: 'stopped', available: false }]));

  const info = (slot: Slot): BotInfo => ({
    ...slot.descriptor,
    state: slot.state,
    available: slot.available,
    ...(slot.available ? {} : { message: `${slot.descriptor.name} is not part of this build yet` }),
  });

  const find = (botId: string): Result<Slot, EngineError> => {
    const slot = slots.get(botId);
    return slot ? ok(slot) : err({ kind: 'not-found', message: `there is no bot "${botId}"` });
  };

  const move = (slot: Slot, event: BotEvent): Result<BotInfo, EngineError> => {
    const next = nextBotState(slot.state, event);
    if (!next.ok) return next;
    slot.state = next.value;
    const out = info(slot);
    events.publish('bot', out);
    return ok(out);
  };

  const stop = (botId: string): Result<BotInfo, EngineError> => {
    const found = find(botId);
    if (!found.ok) return found;
    const slot = found.value;
    if (slot.state === 'stopped') return ok(info(slot));
    const stopping = move(slot, 'stop');
    return stopping.ok ? move(slot, 'stopped') : stopping;
  };

  return {
    list: (): BotInfo[] => [...slots.values()].map(info),
    start(botId: string): Result<BotInfo, EngineError> {
      const found = find(botId);
      if (!found.ok) return found;
      const slot = found.value;
      if (!slot.available) {
        return err({ kind: 'not-available', message: `${slot.descriptor.name} cannot start: its strategy is not part of this build yet` });
      }
      const refusal = deps.startRefusal();
      if (refusal) return err({ kind: 'invalid-state', message: `${slot.descriptor.name} cannot start: ${refusal}` });
      const starting = move(slot, 'start');
      return starting.ok ? move(slot, 'started') : starting;
    },
    stop,
    /** Stops every bot that is not stopped (the kill switch); returns the ids it stopped. */
    stopAll(): string[] {
      const stopped: string[] = [];
      for (const [id, slot] of slots) {
        if (slot.state === 'stopped') continue;
        if (stop(id).ok) stopped.push(id);
      }
      return stopped;
    },
  };
}
