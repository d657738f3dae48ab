import type BetterSqlite3 from 'better-sqlite3';
import type { Finding, FindingKind, FindingSeverity } from '#model/finding';
import { botId } from '#model/ids';
import type { FindingsTable } from './schema.ts';

type FindingRow = FindingsTable;

/** Findings for the trader. A finding is raised once and later resolved; it is never deleted. */
export class FindingsRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO findings (finding_id, kind, severity, bot_id, subject, message, details, blocking, status, resolution, ts_raised, ts_resolved)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      resolve: db.prepare("UPDATE findings SET status = 'resolved', resolution = ?, ts_resolved = ? WHERE finding_id = ? AND status = 'open'"),
      open: db.prepare("SELECT * FROM findings WHERE status = 'open' ORDER BY ts_raised, rowid"),
      all: db.prepare('SELECT * FROM findings ORDER BY ts_raised, rowid'),
    };
  }

  insert(f: Finding): void {
    this.stmts.insert.run(
      f.findingId,
      f.kind,
      f.severity,
      f.botId ?? null,
      f.subject,
      f.message,
      JSON.stringify(f.details),
      f.blocking ? 1 : 0,
      f.status,
      f.resolution ?? null,
      f.tsRaised,
      f.tsResolved ?? null,
    );
  }

  /** False when the finding is unknown or already resolved. */
  resolve(findingId: string, resolution: string, ts: number): boolean {
    return this.stmts.resolve.run(resolution, ts, findingId).changes === 1;
  }

  open(): Finding[] {
    return (this.stmts.open.all() as FindingRow[]).map(toFinding);
  }

  all(): Finding[] {
    return (this.stmts.all.all() as FindingRow[]).map(toFinding);
  }
}

function toFinding(r: FindingRow): Finding {
  return {
    findingId: r.finding_id,
    kind: r.kind as FindingKind,
    severity: r.severity as FindingSeverity,
    ...(r.bot_id !== null ? { botId: botId(r.bot_id) } : {}),
    subject: r.subject,
    message: r.message,
    details: JSON.parse(r.details) as Record<string, unknown>,
    blocking: r.blocking === 1,
    status: r.status as 'open' | 'resolved',
    ...(r.resolution !== null ? { resolution: r.resolution } : {}),
    tsRaised: r.ts_raised,
    ...(r.ts_resolved !== null ? { tsResolved: r.ts_resolved } : {}),
  };
}
