import { summary } from '#ml/models/metrics-summary';
import { manifestSchema } from '#ml/models/manifest';
import type { ModelKind } from '#ml/models/catalog';
import type { ModelRecord } from '#ml/registry/registry-port';
import type { ModelsApi } from './engine-models.ts';

export interface ModelView {
  readonly modelId: string;
  readonly kind: ModelKind;
  readonly version: number;
  readonly origin: ModelRecord['origin'];
  readonly active: boolean;
  readonly createdAt: number;
  readonly sha256: string;
  readonly data: NonNullable<ReturnType<typeof manifestSchema.parse>['data']> | null;
  readonly summary: string;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly calibration: ReturnType<typeof manifestSchema.parse>['calibration'];
  readonly parity: number | null;
}

export interface SlotView {
  readonly kind: ModelKind;
  readonly title: string;
  readonly state: 'available' | 'not-available';
  readonly modelId?: string;
  readonly reason?: string;
}

/** A registered model as the shells show it: its manifest read for data, figures and calibration (a record that no longer parses shows what it can). */
export function modelView(r: ModelRecord, activeIds: ReadonlySet<string>): ModelView {
  const m = manifestSchema.safeParse(r.manifest);
  const base = { modelId: r.modelId, kind: r.kind, version: r.version, origin: r.origin, active: activeIds.has(r.modelId), createdAt: r.createdAt, sha256: r.sha256 };
  if (!m.success) return { ...base, data: null, summary: 'its stored manifest does not parse', metrics: {}, calibration: {}, parity: null };
  return { ...base, data: m.data.data ?? null, summary: summary(m.data), metrics: m.data.metrics, calibration: m.data.calibration, parity: m.data.parity?.maxAbsDiff ?? null };
}

/** Every kind's slot and every registered version, newest first. */
export function modelViews(api: Pick<ModelsApi, 'status' | 'list'>): { readonly slots: readonly SlotView[]; readonly models: readonly ModelView[] } {
  const status = api.status();
  const active = new Set(status.flatMap((s) => (s.slot.state === 'available' ? [s.slot.modelId] : [])));
  const slots = status.map((s): SlotView => ({
    kind: s.kind,
    title: s.title,
    state: s.slot.state,
    ...(s.slot.modelId !== undefined ? { modelId: s.slot.modelId } : {}),
    ...(s.slot.state === 'not-available' ? { reason: s.slot.reason } : {}),
  }));
  return { slots, models: api.list().map((r) => modelView(r, active)) };
}
