import { err, ok, type Result } from '#core/result';
import type { RiskConfig } from '#config/risk-schema';
import { applyNotificationsPatch, type NotificationsConfig } from '#config/notify-schema';
import type { Config, TradingMode } from '#config/schema';
import { applyRiskPatch } from './risk-settings.ts';
import type { SecretStore } from './secrets.ts';

export interface SettingsView {
  /** The mode this run trades in. */
  readonly mode: TradingMode;
  /** The mode saved in config.json, used from the next start. */
  readonly savedMode: TradingMode;
  readonly paperReady: boolean;
  readonly configFile: string;
  readonly dataDir?: string;
}

export interface RiskSettingsView {
  /** The limits this run enforces: read once at start, as every risk check holds them. */
  readonly inForce: RiskConfig;
  /** The limits saved in config.json, used from the next start. */
  readonly saved: RiskConfig;
  readonly configFile: string;
}

/** What the running book holds, counted when the trader asks to switch mode. */
export interface OpenBook {
  readonly positions: number;
  readonly workingOrders: number;
}

export type SettingsError = { kind: 'invalid-input'; message: string } | { kind: 'invalid-state'; message: string } | { kind: 'unavailable'; message: string };

export interface SettingsServiceDeps {
  readonly runningMode: TradingMode;
  readonly configFile: string;
  /** The data folder, shown to the trader. */
  readonly dataDir?: string;
  /** The risk limits this run was started with. */
  readonly runningRisk?: RiskConfig;
  readonly secrets: SecretStore;
  /** The configuration as saved now (the connection panel saves through the same pair). */
  readonly config: () => Config;
  readonly saveConfig: (config: Config) => Result<unknown, { message: string }>;
}

/**
 * Settings the trader changes from the screen instead of editing config.json. The mode decides the clock,
 * the feed and the broker of one engine: this service checks and saves a change, and the mode switcher
 * (mode/mode-switcher.ts) then replaces the engine. Live is saved here only for the mode switcher, whose
 * switch to live carries the arming step (the account named, the confirmation word typed).
 * The risk limits likewise: every check holds the limits it was built with, so a change is saved, checked
 * against the config schema, and takes effect at the next start.
 */
export function createSettingsService(deps: SettingsServiceDeps) {
  const view = async (): Promise<Result<SettingsView, SettingsError>> => {
    const key = await deps.secrets.readApiKey();
    if (!key.ok) return err({ kind: 'unavailable', message: key.error.message });
    return ok({ mode: deps.runningMode, savedMode: deps.config().mode, paperReady: key.value !== undefined, configFile: deps.configFile, ...(deps.dataDir ? { dataDir: deps.dataDir } : {}) });
  };

  const risk = (): RiskSettingsView => ({ inForce: deps.runningRisk ?? deps.config().risk, saved: deps.config().risk, configFile: deps.configFile });

  return {
    view,
    /**
     * Saves the mode. Refused while the book holds anything: every mode keeps its book
     * in the one database, so positions or working orders of this run would be carried into the next
     * mode's book (simulated fills priced on the real market, or paper orders beside live ones).
     */
    async setMode(mode: TradingMode, book: OpenBook = { positions: 0, workingOrders: 0 }): Promise<Result<SettingsView, SettingsError>> {
      const current = await view();
      if (!current.ok) return current;
      if (mode === current.value.savedMode) return current;
      if (mode !== current.value.mode && (book.positions > 0 || book.workingOrders > 0)) {
        const held = [book.positions > 0 ? `${book.positions} open position${book.positions > 1 ? 's' : ''}` : '', book.workingOrders > 0 ? `${book.workingOrders} working order${book.workingOrders > 1 ? 's' : ''}` : '']
          .filter(Boolean)
          .join(' and ');
        return err({
          kind: 'invalid-state',
          message: `This ${current.value.mode} run holds ${held}, which would be carried into the ${mode} book (one database keeps both): close them first (stop the bots, or press KILL), then switch.`,
        });
      }
      if (mode !== 'simulation' && !current.value.paperReady) {
        return err({
          kind: 'invalid-state',
          message:
            mode === 'paper'
              ? 'Paper mode trades on OpenAlgo’s market data: save the OpenAlgo connection with its API key (and test it) first.'
              : 'Live mode trades through OpenAlgo: save the OpenAlgo connection with its API key (and test it) first.',
        });
      }
      const saved = deps.saveConfig({ ...deps.config(), mode });
      if (!saved.ok) return err({ kind: 'unavailable', message: `The mode could not be saved: ${saved.error.message}` });
      return view();
    },

    risk,

    /** Saves a change to the limits for the next start; the limits in force stay as they are until then. */
    setRisk(patch: Readonly<Record<string, unknown>>): Result<RiskSettingsView, SettingsError> {
      const next = applyRiskPatch(deps.config().risk, patch);
      if (!next.ok) return next;
      const saved = deps.saveConfig({ ...deps.config(), risk: next.value });
      if (!saved.ok) return err({ kind: 'unavailable', message: `The risk limits could not be saved: ${saved.error.message}` });
      return ok(risk());
    },

    /** The notifications as saved in config.json (what the running terminal uses: a change restarts them). */
    notifications: (): NotificationsConfig => deps.config().notifications,

    /** Saves a change to the notifications, checked by the config schema; the token is not here (secret store). */
    setNotifications(patch: Readonly<Record<string, unknown>>): Result<NotificationsConfig, SettingsError> {
      const next = applyNotificationsPatch(deps.config().notifications, patch);
      if (!next.ok) return next;
      const saved = deps.saveConfig({ ...deps.config(), notifications: next.value });
      if (!saved.ok) return err({ kind: 'unavailable', message: `The notifications could not be saved: ${saved.error.message}` });
      return ok(next.value);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
