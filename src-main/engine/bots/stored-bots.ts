import type { BotId } from '#model/ids';
import type { BotStateRepository } from '#store/bot-state-repository';
import type { BotRunner } from './bot-runner.ts';
import { readSettings, storedStateSchema, type StoredState } from './bot-settings.ts';

const issues = (e: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string => e.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');

/**
 * Puts each bot's stored settings and state back on its runner and returns the lifecycle each was in,
 * for the manager to apply once the order manager has resumed. A row that no longer reads (settings,
 * parameters or strategy state off their schemas) leaves that bot in error with the reason, never
 * silently reset: its positions may depend on that state.
 */
export function loadStoredBots(repo: BotStateRepository, runners: readonly BotRunner[]): Map<BotId, StoredState['lifecycle']> {
  const lifecycles = new Map<BotId, StoredState['lifecycle']>();
  for (const row of repo.loadAll()) {
    const r = runners.find((x) => x.botId === row.botId);
    if (!r) continue;
    const settings = readSettings(r.def, row.settings);
    if (settings.ok) r.setParams(settings.value.settings, settings.value.params);
    const state = storedStateSchema.safeParse(row.state);
    const strategy = state.success ? r.def.state.schema.safeParse(state.data.strategy) : undefined;
    const problem = !settings.ok ? settings.error.message : !state.success ? `stored state is unreadable: ${issues(state.error)}` : !strategy!.success ? `stored strategy state is unreadable: ${issues(strategy!.error)}` : undefined;
    if (problem || !state.success) {
      r.fault = problem;
      lifecycles.set(r.botId, 'error');
      continue;
    }
    r.strategy = strategy!.data;
    r.pending = state.data.pending;
    r.dayStart = state.data.dayStart;
    r.fault = state.data.fault;
    lifecycles.set(r.botId, state.data.lifecycle);
  }
  return lifecycles;
}
