import type { Logger } from '#core/log';
import { err, type Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import type { Engine } from '../engine.ts';
import type { EngineError } from '../engine-api.ts';
import type { SettingsView } from '../settings-service.ts';

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
}

type SwitchableMode = Exclude<TradingMode, 'live'>;

/**
 * Switching between simulation and paper while the terminal runs. The mode decides the clock, the feed
 * and the broker, so a switch stops this mode's engine and starts one for the other on the same database,
 * as a restart would, but only with an empty book: the running engine's own `setMode` refuses while it
 * holds positions or working orders (they would be carried into the other mode's book), saves the choice
 * and audits it. A data job writing the database, or an OpenAlgo that does not answer, refuses it too.
 * If the new engine cannot start, the previous mode is started again and saved back.
 */
export function createModeSwitcher<R extends ModeRuntime>(deps: ModeSwitcherDeps<R>) {
  let switching: Promise<unknown> | undefined;

  const restore = async (previous: TradingMode, reason: string): Promise<Result<SettingsView, EngineError>> => {
    deps.logger.error({ reason, mode: previous }, 'mode switch failed; starting the previous mode again');
    const back = await deps.build(previous);
    if (!back.ok) return err({ kind: 'unavailable', message: `${reason}; the ${previous} mode could not be started again either (${back.error.message}): restart the terminal` });
    await back.value.start();
    deps.adopt(back.value);
    await back.value.engine.setMode(previous as SwitchableMode);
    return err({ kind: 'unavailable', message: `${reason}; the terminal stays in ${previous} mode.` });
  };

  const run = async (mode: SwitchableMode): Promise<Result<SettingsView, EngineError>> => {
    const running = deps.current();
    if (mode === running.mode) return running.engine.setMode(mode);
    const job = running.engine.data.current();
    if (job?.state === 'running') return err({ kind: 'invalid-state', message: `${job.title} is still writing the database: wait for it to finish, then switch.` });
    if (mode !== 'simulation') {
      const view = await running.engine.settings();
      if (view.ok && !view.value.paperReady) return running.engine.setMode(mode);
      const probe = await deps.probeOpenAlgo();
      if (!probe.ok) return err({ kind: 'unavailable', message: `Not switched: ${probe.error.message}` });
    }
    const saved = await running.engine.setMode(mode);
    if (!saved.ok) return saved;
    const next = await deps.build(mode);
    if (!next.ok) {
      await running.engine.setMode(running.mode as SwitchableMode);
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
    return next.value.engine.settings();
  };

  return {
    /** One switch at a time; a second request while one runs is refused, not queued. */
    async setMode(mode: SwitchableMode): Promise<Result<SettingsView, EngineError>> {
      if (switching) return err({ kind: 'invalid-state', message: 'a mode switch is already under way: wait for it to finish' });
      const p = run(mode);
      switching = p;
      try {
        return await p;
      } finally {
        switching = undefined;
      }
    },
    /** Resolves once no switch is under way (shutdown waits for it). */
    settled: async (): Promise<void> => {
      await switching?.catch(() => undefined);
    },
  };
}


