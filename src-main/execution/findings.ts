import type { Clock } from '#core/clock';
import type { IdGenerator } from '#core/ids';
import type { Finding, FindingKind, FindingSeverity } from '#model/finding';
import type { BotId } from '#model/ids';
import type { FindingsRepository } from '#store/findings-repository';
import { AuditKind, type AuditActor, type AuditTrail } from './audit.ts';

export interface NewFinding {
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  readonly botId?: BotId;
  readonly subject: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly blocking: boolean;
}

/**
 * Open findings and the bots they block. A bot is blocked while it has an open blocking finding; the
 * state lives in the store, so a restart does not silently unblock a bot the trader has not cleared.
 */
export class FindingsBoard {
  private readonly repo: FindingsRepository;
  private readonly audit: AuditTrail;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly openFindings = new Map<string, Finding>();
  private readonly listeners = new Set<(f: Finding) => void>();

  constructor(deps: { repo: FindingsRepository; audit: AuditTrail; clock: Clock; ids: IdGenerator }) {
    this.repo = deps.repo;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.ids = deps.ids;
    for (const f of this.repo.open()) this.openFindings.set(f.findingId, f);
  }

  raise(spec: NewFinding): Finding {
    const finding: Finding = { ...spec, details: spec.details ?? {}, findingId: this.ids.next(), status: 'open', tsRaised: this.clock.now() };
    this.repo.insert(finding);
    this.audit.record(AuditKind.finding, 'execution', finding, finding.subject);
    this.openFindings.set(finding.findingId, finding);
    for (const l of [...this.listeners]) l(finding);
    return finding;
  }

  resolve(findingId: string, resolution: string, actor: AuditActor): Finding | undefined {
    const f = this.openFindings.get(findingId);
    if (!f || !this.repo.resolve(findingId, resolution, this.clock.now())) return undefined;
    const resolved: Finding = { ...f, status: 'resolved', resolution, tsResolved: this.clock.now() };
    this.audit.record(AuditKind.findingResolved, actor, { findingId, resolution }, f.subject);
    this.openFindings.delete(findingId);
    for (const l of [...this.listeners]) l(resolved);
    return resolved;
  }

  open(): Finding[] {
    return [...this.openFindings.values()];
  }

  openFor(subject: string): Finding[] {
    return this.open().filter((f) => f.subject === subject);
  }

  isBlocked(botId: BotId | undefined): boolean {
    if (botId === undefined) return false;
    for (const f of this.openFindings.values()) if (f.blocking && f.botId === botId) return true;
    return false;
  }

  onChange(listener: (f: Finding) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
