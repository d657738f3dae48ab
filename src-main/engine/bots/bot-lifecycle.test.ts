import { describe, expect, it } from 'vitest';
import { ok } from '#core/result';
import { silentLogger } from '#core/log';
import { botId } from '#model/ids';
import { nextBotState } from '#bots/bot-fsm';
import { BOT_CATALOG } from '#bots/catalog';
import type { BotEvaluator } from './bot-evaluator.ts';
import type { BotHost } from './bot-host.ts';
import { BotLifecycle } from './bot-lifecycle.ts';
import { BotRunner } from './bot-runner.ts';
import { defaultSettings } from './bot-settings.ts';
import { BOT_DEFINITIONS } from './definitions.ts';

/** A host that only keeps the lifecycle and the audit trail: enough to see what start allows. */
function setup(mode: 'simulation' | 'live', armed: boolean) {
  const def = BOT_DEFINITIONS['short-straddle'];
  const settings = defaultSettings(def, 250_000);
  const runner = new BotRunner(botId('short-straddle'), BOT_CATALOG[0]!, def, settings, settings.params, undefined);
  const audited: unknown[] = [];
  const host = {
    audit: (kind: string, actor: string, _r: BotRunner, payload: object) => audited.push({ kind, actor, ...payload }),
    move: (r: BotRunner, e: Parameters<typeof nextBotState>[1]) => {
      const n = nextBotState(r.lifecycle, e);
      if (n.ok) r.lifecycle = n.value;
      return n.ok ? ok({} as never) : n;
    },
    require: () => undefined,
    info: () => ({}) as never,
    publish: () => ({}) as never,
    save: () => undefined,
  } as unknown as BotHost;
  const lifecycle = new BotLifecycle({ host, evaluator: () => ({}) as BotEvaluator, logger: silentLogger(), mode, startRefusal: () => undefined, liveArmed: () => armed });
  return { runner, lifecycle, audited };
}

describe('paper or live, per bot', () => {
  it('in simulation a paper bot starts', () => {
    const { runner, lifecycle } = setup('simulation', false);
    expect(lifecycle.start(runner).ok).toBe(true);
    expect(runner.lifecycle).toBe('running');
  });

  it('in a live terminal a bot left on paper does not start: every order there reaches the broker', () => {
    const { runner, lifecycle, audited } = setup('live', true);
    const r = lifecycle.start(runner);
    expect(!r.ok && r.error.message).toMatch(/set the bot to live/);
    expect(runner.lifecycle).toBe('stopped');
    expect(audited).toEqual([expect.objectContaining({ kind: 'start', actor: 'trader', refused: expect.stringMatching(/set the bot to live/) })]);
  });

  it('a live bot starts only once live trading is armed', () => {
    const disarmed = setup('live', false);
    disarmed.runner.settings = { ...disarmed.runner.settings, execution: 'live' };
    const r = disarmed.lifecycle.start(disarmed.runner);
    expect(!r.ok && r.error.message).toMatch(/live trading is not armed/);
    const armed = setup('live', true);
    armed.runner.settings = { ...armed.runner.settings, execution: 'live' };
    expect(armed.lifecycle.start(armed.runner).ok).toBe(true);
  });
});
