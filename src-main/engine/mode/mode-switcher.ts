import type { Logger } from '#core/log';
import { err, type Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import type { Engine } from '../engine.ts';
import type { EngineError, GoLiveInput, LiveSwitch } from '../engine-api.ts';
import type { SettingsView } from '../settings-service.ts';
import type { TradingAccount } from '../trading/live-arming.ts';
import { isLiveWord } from './live-switch.ts';

/** One engine with the clock, feed and broker of one mode. */
export interface ModeRuntime {
  readonly mode: TradingMode;
  readonly engine: Engine;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ModeSwitcherDeps<R extends ModeRuntime> {
  readonly logger: Logger;
  readonly current: () => R;
  /** Builds, without starting, the engine of a mode from the configuration as saved now. */
  readonly build: (mode: TradingMode) => Promise<Result<R, { message: string }>>;
  /** Makes `next` the engine the shells reach (the relay) once it runs. */
  readonly adopt: (next: R) => void;
  /** Checks that OpenAlgo answers on REST and WebSocket with the saved key, before leaving simulation for it. */
  readonly probeOpenAlgo: () => Promise<Result<unknown, { message: string }>>;
  /** The account OpenAlgo trades for with the saved connection (ping, funds), refused while OpenAlgo runs its sandbox. */
  readonly probeAccount: () => Promise<Result<TradingAccount, { message: string }>>;
}

type SwitchStep = (next: ModeRuntime) => Promise<Result<unknown, { message: string }>>;

/**
 * Switching mode while the terminal runs. The mode decides the clock, the feed and the broker, so a switch
 * stops this mode's engine and starts one for the other on the same database, as a restart would, but only
 * with an empty book: the running engine's own `setMode` refuses while it holds positions or working orders
 * (they would be carried into the other mode's book), saves the choice and audits it. A data job writing
 * the database, or an OpenAlgo that does not answer, refuses it too. If the new engine cannot start, the
 * previous mode is started again and saved back (live comes back disarmed).
 * Live is reached only through `live.goLive`, which carries the arming: the confirmation word and the
 * account the orders go to, checked against OpenAlgo before anything stops and armed (audited) on the new
 * engine once it runs. Leaving live is an ordinary switch.
 */
export function createModeSwitcher<R extends ModeRuntime>(deps: ModeSwitcherDeps<R>) {
  let switching: Promise<unknown> | undefined;

  const restore = async (previous: TradingMode, reason: string): Promise<Result<SettingsView, EngineError>> => {
    deps.logger.error({ reason, mode: previous }, 'mode switch failed; starting the previous mode again');
    const back = await deps.build(previous);
    if (!back.ok) return err({ kind: 'unavailable', message: `${reason}; the ${previous} mode could not be started again either (${back.error.message}): restart the terminal` });
    await back.value.start();
    deps.adopt(back.value);
    await back.value.engine.setMode(previous);
    return err({ kind: 'unavailable', message: `${reason}; the terminal stays in ${previous} mode${previous === 'live' ? ', not armed' : ''}.` });
  };

  const run = async (mode: TradingMode, afterStart?: SwitchStep): Promise<Result<SettingsView, EngineError>> => {
    const running = deps.current();
    if (mode === running.mode) return running.engine.setMode(mode);
    const job = running.engine.data.current();
    if (job?.state === 'running') return err({ kind: 'invalid-state', message: `${job.title} is still writing the database: wait for it to finish, then switch.` });
    if (mode === 'paper') {
      const view = await running.engine.settings();
      if (view.ok && !view.value.paperReady) return running.engine.setMode(mode);
      const probe = await deps.probeOpenAlgo();
      if (!probe.ok) return err({ kind: 'unavailable', message: `Not switched: ${probe.error.message}` });
    }
    const saved = await running.engine.setMode(mode);
    if (!saved.ok) return saved;
    const next = await deps.build(mode);
    if (!next.ok) {
      await running.engine.setMode(running.mode);
      return err({ kind: 'unavailable', message: `Not switched: ${next.error.message}` });
    }
    deps.logger.info({ from: running.mode, to: mode }, 'switching mode');
    await running.stop();
    try {
      await next.value.start();
    } catch (e) {
      await next.value.stop().catch(() => undefined);
      return restore(running.mode, `the ${mode} engine did not start (${e instanceof Error ? e.message : String(e)})`);
    }
    deps.adopt(next.value);
    deps.logger.info({ mode }, 'mode switched');
    const after = await afterStart?.(next.value);
    if (after && !after.ok) return err({ kind: 'invalid-state', message: `Switched to ${mode}, but ${after.error.message}` });
    return next.value.engine.settings();
  };

  /** One switch at a time; a second request while one runs is refused, not queued. */
  const exclusive = async (work: () => Promise<Result<SettingsView, EngineError>>): Promise<Result<SettingsView, EngineError>> => {
    if (switching) return err({ kind: 'invalid-state', message: 'a mode switch is already under way: wait for it to finish' });
    const p = work();
    switching = p;
    try {
      return await p;
    } finally {
      switching = undefined;
    }
  };

  const account = async (): Promise<Result<TradingAccount, EngineError>> => {
    const running = deps.current();
    if (running.mode === 'live') return running.engine.trading.account();
    const probed = await deps.probeAccount();
    return probed.ok ? probed : err({ kind: 'unavailable', message: probed.error.message });
  };

  const goLive = async (input: GoLiveInput): Promise<Result<SettingsView, EngineError>> => {
    if (!isLiveWord(input.confirm)) return err({ kind: 'invalid-input', message: 'Not switched: type LIVE to confirm real orders with real money.' });
    const running = deps.current();
    if (running.mode === 'live') return err({ kind: 'invalid-state', message: 'The terminal already runs live: arm it with Arm live in the top bar.' });
    const probed = await deps.probeAccount();
    if (!probed.ok) return err({ kind: 'unavailable', message: `Not switched: ${probed.error.message}` });
    if (probed.value.broker !== input.broker || probed.value.host !== input.host) {
      return err({ kind: 'invalid-input', message: `Not switched: OpenAlgo at ${probed.value.host} trades for ${probed.value.broker}, not ${input.broker} at ${input.host}. Open the dialog again to see the account the orders would go to.` });
    }
    const arm: SwitchStep = async (next) => {
      const armed = await next.engine.trading.arm({ broker: input.broker, host: input.host, rememberToday: input.rememberToday, source: 'bridge' });
      if (armed.ok) return armed;
      deps.logger.warn({ reason: armed.error.message }, 'switched to live but the arming was refused');
      return err({ message: `not armed: ${armed.error.message}. Live orders stay refused until you arm with Arm live in the top bar.` });
    };
    return run('live', arm);
  };

  const live: LiveSwitch = {
    account,
    goLive: (input) => exclusive(() => goLive(input)),
  };

  return {
    setMode(mode: TradingMode): Promise<Result<SettingsView, EngineError>> {
      if (mode === 'live') return Promise.resolve(err({ kind: 'invalid-state', message: 'Live trading is switched on only through the arming step (Settings → Trading mode → Live), which names the account and asks for the confirmation word.' }));
      return exclusive(() => run(mode));
    },
    live,
    /** Resolves once no switch is under way (shutdown waits for it). */
    settled: async (): Promise<void> => {
      await switching?.catch(() => undefined);
    },
  };
}
