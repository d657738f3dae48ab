import type { ModelKind } from '../models/catalog.ts';
import type { ModelRecord, ModelRegistryPort, PromotionEvent } from '../registry/registry-port.ts';

/**
 * The registry port in memory, for ml's own tests (ml may not import the store; the SQLite repository
 * has its own tests in store/, and `npm run train`'s tests run the two together).
 */
export function memoryRegistry(): ModelRegistryPort & { readonly state: Map<string, string> } {
  const models: ModelRecord[] = [];
  const promotions: PromotionEvent[] = [];
  const state = new Map<string, string>();
  return {
    state,
    nextVersion: (kind: ModelKind) => models.filter((m) => m.kind === kind).reduce((v, m) => Math.max(v, m.version), 0) + 1,
    add(r) {
      if (models.some((m) => m.modelId === r.modelId)) throw new Error(`duplicate ${r.modelId}`);
      models.push(structuredClone(r));
    },
    get: (id) => models.find((m) => m.modelId === id),
    list: (kind) => models.filter((m) => kind === undefined || m.kind === kind).sort((a, b) => b.version - a.version),
    active(kind) {
      const last = promotions.filter((p) => p.kind === kind).at(-1);
      return last ? models.find((m) => m.modelId === last.modelId) : undefined;
    },
    recordPromotion: (p) => void promotions.push(p),
    promotions: (kind) => promotions.filter((p) => p.kind === kind),
    loadState: (key) => state.get(key),
    saveState: (key, json) => void state.set(key, json),
  };
}
