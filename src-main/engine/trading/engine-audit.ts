import type { Clock } from '#core/clock';
import { redactSecrets, type AuditActor, type AuditKind } from '#execution/audit';
import type { AuditRepository } from '#store/audit-repository';

/**
 * What the engine adds to the audit log beside execution's entries: the trader's actions (kill, arm,
 * disarm, resume, bot start and stop, connection changes, `trader:order` for a close, cancel or modify from the screen), every risk event (`risk:<kind>`) and the bot
 * manager's own (`bot:pause`, `bot:resume`, `bot:fault`, `bot:reset`, `bot:restored`).
 */
export type EngineAuditKind = AuditKind | 'resume' | 'exit-rule' | 'trader:order' | `risk:${string}` | `bot:${string}`;

/** Appends to the same append-only log as execution's trail, with secrets redacted at any depth. */
export class EngineAudit {
  private readonly repo: AuditRepository;
  private readonly clock: Clock;

  constructor(repo: AuditRepository, clock: Clock) {
    this.repo = repo;
    this.clock = clock;
  }

  record(kind: EngineAuditKind, actor: AuditActor, payload: unknown, subject?: string): number {
    return this.repo.append({ ts: this.clock.now(), kind, actor, ...(subject !== undefined ? { subject } : {}), payload: JSON.stringify(redactSecrets(payload) ?? null) });
  }
}
