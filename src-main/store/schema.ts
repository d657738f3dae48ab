import type { Generated } from 'kysely';

/** Kysely's view of the tables; it must mirror the migrations. */
export interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface BarsTable {
  instrument_id: string;
  timeframe: string;
  ts_start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  oi: number | null;
  /** simulator, feed, csv, bhavcopy or openalgo; null for bars stored before migration 013. */
  source: string | null;
}

export interface IntentsTable {
  intent_id: string;
  bot_id: string;
  kind: string;
  payload: string;
  ts_init: number;
}

export interface OrdersTable {
  client_order_id: string;
  broker_order_id: string | null;
  intent_id: string | null;
  bot_id: string | null;
  instrument_id: string;
  side: string;
  type: string;
  product: string;
  quantity: number;
  limit_price: number | null;
  trigger_price: number | null;
  status: string;
  filled_quantity: number;
  avg_fill_price: number;
  ts_init: number;
  ts_last: number;
  reason: string | null;
  sent_at: number | null;
  reduce_only: Generated<number>;
  structure_id: string | null;
  leg_index: number | null;
  leg_role: string | null;
}

export interface OrderEventsTable {
  seq: Generated<number>;
  client_order_id: string;
  kind: string;
  payload: string;
  ts_event: number;
}

export interface FillsTable {
  trade_id: string;
  client_order_id: string;
  broker_order_id: string | null;
  instrument_id: string;
  side: string;
  quantity: number;
  price: number;
  charges: number;
  ts_event: number;
}

export interface SignalsTable {
  signal_id: string;
  bot_id: string;
  instrument_id: string;
  ts_event: number;
  direction: string;
  strength: number;
  scores: string;
  decision: string;
  reason: string | null;
  kind: string;
  rule: string;
  /** JSON: inputs, sources, combined score, regime, notes, intent ids (migration 007). */
  detail: string;
}

export interface BotStateTable {
  bot_id: string;
  kind: string;
  state: string;
  settings: string;
  ts_last: number;
}

export interface HistoryCoverageTable {
  instrument_id: string;
  timeframe: string;
  date_key: string;
  bar_count: number;
  fetched_at: number;
}

export interface TicksTable {
  instrument_id: string;
  ts_event: number;
  seq: number;
  ltp: number;
  volume: number | null;
  oi: number | null;
}

export interface StructuresTable {
  structure_id: string;
  intent_id: string;
  bot_id: string;
  kind: string;
  product: string;
  policy: string;
  status: string;
  reason: string | null;
  margin_blocked: number;
  ts_init: number;
  ts_last: number;
}

export interface StructureLegsTable {
  structure_id: string;
  leg_index: number;
  instrument_id: string;
  side: string;
  quantity: number;
  type: string;
  limit_price: number | null;
  attempts: number;
  exit_attempts: number;
}

export interface FindingsTable {
  finding_id: string;
  kind: string;
  severity: string;
  bot_id: string | null;
  subject: string;
  message: string;
  details: string;
  blocking: number;
  status: string;
  resolution: string | null;
  ts_raised: number;
  ts_resolved: number | null;
}

/** Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditLogTable {
  seq: Generated<number>;
  ts: number;
  kind: string;
  actor: string;
  subject: string | null;
  payload: string;
}

export interface RiskStateTable {
  id: number;
  day_key: string;
  trading_state: string;
  cause: string | null;
  since: number;
  day_start_pnl: number;
  day_peak_pnl: number;
  overall_peak_pnl: number;
  last_pnl: number;
  limits: string;
  ts_last: number;
}

export interface IvDailyTable {
  underlying: string;
  date_key: string;
  atm_iv: number;
}

export interface RiskExitRulesTable {
  rule_id: string;
  spec: string;
  high_water: number | null;
  triggered_at: number | null;
  fired_reason: string | null;
  fired_threshold: number | null;
}

/** ML model versions (migration 008). */
export interface MlModelsTable {
  model_id: string;
  kind: string;
  version: number;
  origin: string;
  location: string;
  file: string;
  sha256: string;
  data_from: number | null;
  data_to: number | null;
  /** JSON: the model's manifest. */
  manifest: string;
  created_at: number;
}

/** Append-only: triggers refuse UPDATE and DELETE. */
export interface MlPromotionsTable {
  seq: Generated<number>;
  kind: string;
  model_id: string;
  action: string;
  ts: number;
  reason: string;
}

export interface MlStateTable {
  key: string;
  state: string;
  ts_last: number;
}

export interface Database {
  schema_version: SchemaVersionTable;
  bars: BarsTable;
  intents: IntentsTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  fills: FillsTable;
  signals: SignalsTable;
  bot_state: BotStateTable;
  history_coverage: HistoryCoverageTable;
  ticks: TicksTable;
  structures: StructuresTable;
  structure_legs: StructureLegsTable;
  findings: FindingsTable;
  audit_log: AuditLogTable;
  risk_state: RiskStateTable;
  risk_exit_rules: RiskExitRulesTable;
  iv_daily: IvDailyTable;
  ml_models: MlModelsTable;
  ml_promotions: MlPromotionsTable;
  ml_state: MlStateTable;
}
