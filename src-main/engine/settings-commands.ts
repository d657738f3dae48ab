import { err, ok, type Result } from '#core/result';
import type { ConnectionService } from './connection-service.ts';
import type { EngineApi, EngineError } from './engine-api.ts';
import type { EngineAudit } from './trading/engine-audit.ts';
import type { SettingsService } from './settings-service.ts';

export type SettingsCommands = Pick<
  EngineApi,
  'connection' | 'saveConnection' | 'testConnection' | 'settings' | 'setMode' | 'riskSettings' | 'setRiskSettings' | 'notificationSettings' | 'setNotificationSettings' | 'noteSecretChange'
>;

const NO_SETTINGS: EngineError = { kind: 'not-available', message: 'this terminal has no settings file' };

/**
 * The settings screen's commands: the OpenAlgo connection, the mode, risk limits and notifications, each
 * change written to the audit trail (refused or not) by the trader. Without a settings file (shells and
 * tests) every settings command answers "not available".
 */
export function createSettingsCommands(deps: {
  readonly connection: ConnectionService;
  readonly settings: SettingsService | undefined;
  readonly audit: Pick<EngineAudit, 'record'>;
  /** What the trader holds now, for the mode switch's check. */
  readonly book: () => { readonly positions: number; readonly workingOrders: number };
}): SettingsCommands {
  const { connection, settings, audit } = deps;
  const change = (details: Record<string, unknown>, r: Result<unknown, { readonly message: string }>): void => {
    audit.record('config-change', 'trader', { ...details, ...(r.ok ? {} : { refused: r.error.message }) });
  };
  return {
    connection: () => connection.profile(),
    async saveConnection(input) {
      const r = await connection.save(input);
      change({ section: 'openalgo', ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}), ...(input.wsUrl !== undefined ? { wsUrl: input.wsUrl } : {}), apiKeyChanged: input.apiKey !== undefined }, r);
      return r;
    },
    testConnection: (input) => connection.test(input),
    settings: async () => (settings ? settings.view() : err(NO_SETTINGS)),
    async setMode(mode) {
      if (!settings) return err(NO_SETTINGS);
      const r = await settings.setMode(mode, deps.book());
      change({ section: 'mode', mode }, r);
      return r;
    },
    riskSettings: () => (settings ? ok(settings.risk()) : err(NO_SETTINGS)),
    setRiskSettings(patch) {
      if (!settings) return err(NO_SETTINGS);
      const r = settings.setRisk(patch);
      change({ section: 'risk', change: patch, takesEffect: 'at the next start' }, r);
      return r;
    },
    notificationSettings: () => (settings ? ok(settings.notifications()) : err(NO_SETTINGS)),
    setNotificationSettings(patch) {
      if (!settings) return err(NO_SETTINGS);
      const r = settings.setNotifications(patch);
      change({ section: 'notifications', change: patch }, r);
      return r;
    },
    noteSecretChange(secret, what) {
      audit.record('config-change', 'trader', { section: 'secrets', which: secret, change: what });
    },
  };
}
