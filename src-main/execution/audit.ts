import type { Clock } from '#core/clock';
import type { AuditRepository } from '#store/audit-repository';

/** What the audit log records: the order path and every action a person or the engine takes. */
export const AuditKind = {
  intent: 'intent',
  intentRefused: 'intent-refused',
  order: 'order',
  orderEvent: 'order-event',
  fill: 'fill',
  riskDecision: 'risk-decision',
  structure: 'structure',
  finding: 'finding',
  findingResolved: 'finding-resolved',
  /** A repair of a reconciliation finding, as the trader chose it and as it went. */
  repair: 'repair',
  /** Restart reconciliation changed something on its own (an earlier session's day order expired, the paper book re-seeded). */
  reconciliation: 'reconciliation',
  start: 'start',
  stop: 'stop',
  kill: 'kill',
  arm: 'arm',
  disarm: 'disarm',
  configChange: 'config-change',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

/** Who did it: the trader, a bot, or a part of the engine. */
export type AuditActor = 'trader' | 'engine' | 'execution' | 'risk' | 'broker' | 'reconciliation' | `bot:${string}`;

export const botActor = (botId: string): AuditActor => `bot:${botId}`;

const SECRET_KEY = /^(api_?key|apikey|password|secret|token|authorization)$/i;

/** Replaces the value of any key that names a secret, at any depth: a config change must not leak one. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redactSecrets(v)]));
  }
  return value;
}

/**
 * The one way anything is written to the append-only audit log. Called inside the transaction that
 * writes the fact it records, so the log and the order tables cannot disagree after a crash.
 */
export class AuditTrail {
  private readonly repo: AuditRepository;
  private readonly clock: Clock;

  constructor(repo: AuditRepository, clock: Clock) {
    this.repo = repo;
    this.clock = clock;
  }

  /** Returns the entry's sequence number. `payload` must be JSON-serialisable. */
  record(kind: AuditKind, actor: AuditActor, payload: unknown, subject?: string): number {
    return this.repo.append({ ts: this.clock.now(), kind, actor, ...(subject !== undefined ? { subject } : {}), payload: JSON.stringify(redactSecrets(payload) ?? null) });
  }
}
