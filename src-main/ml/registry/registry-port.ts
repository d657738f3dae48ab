import type { ModelKind } from '../models/catalog.ts';

/**
 * The model registry as the ML layer needs it. The store implements it in SQLite
 * (store/model-registry-repository.ts: the store may not import ml, so the shapes are restated there and
 * the engine hands that object here, where TypeScript checks that the two agree).
 */
export interface ModelRecord {
  /** `<kind>@<version>`. */
  readonly modelId: string;
  readonly kind: ModelKind;
  readonly version: number;
  /** Shipped with the app, trained here, or brought in by the trader. */
  readonly origin: 'shipped' | 'trained' | 'imported';
  /** Where the file lives: the app's resources/models folder, or the data folder's models/. */
  readonly location: 'shipped' | 'data';
  /** File name of the .onnx inside its location; the manifest is the same name with .json. */
  readonly file: string;
  readonly sha256: string;
  /** The manifest (models/manifest.ts) as stored: features, normalisation, data range, metrics, calibration. */
  readonly manifest: unknown;
  readonly createdAt: number;
}

export interface PromotionEvent {
  readonly kind: ModelKind;
  readonly modelId: string;
  readonly action: 'promote' | 'rollback';
  readonly ts: number;
  readonly reason: string;
}

export interface ModelRegistryPort {
  /** The next free version of a kind (1 for the first). */
  nextVersion(kind: ModelKind): number;
  add(record: ModelRecord): void;
  get(modelId: string): ModelRecord | undefined;
  /** Newest first. */
  list(kind?: ModelKind): readonly ModelRecord[];
  /** The model of this kind the engine runs, per the last promotion. */
  active(kind: ModelKind): ModelRecord | undefined;
  recordPromotion(event: PromotionEvent): void;
  /** Oldest first. */
  promotions(kind: ModelKind): readonly PromotionEvent[];
  /** Learner state (bandit arms, hit rates) as JSON text under a key. */
  loadState(key: string): string | undefined;
  saveState(key: string, json: string, ts: number): void;
}
