import { IST_OFFSET_MS } from '#core/time-ist';
import type { AuditEntry } from './audit-repository.ts';

export const AUDIT_CSV_HEADER = ['seq', 'ts_ms', 'time_ist', 'kind', 'actor', 'subject', 'payload'] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (or leading/trailing space,
 * which some readers trim), with inner quotes doubled. Everything else goes out verbatim.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** `2026-11-20T09:15:00.000+05:30`: the trader reads IST; the epoch column stays for machines. */
export function istTimestamp(ms: number): string {
  return `${new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 23)}+05:30`;
}

/**
 * Writes the audit log as CSV (RFC 4180: CRLF line ends, a header record) through `write`, one record
 * at a time so a year of entries never sits in memory. Returns the number of entries written.
 */
export function exportAuditCsv(entries: Iterable<AuditEntry>, write: (chunk: string) => void): number {
  write(csvRecord(AUDIT_CSV_HEADER));
  let n = 0;
  for (const e of entries) {
    write(csvRecord([String(e.seq), String(e.ts), istTimestamp(e.ts), e.kind, e.actor, e.subject ?? '', e.payload]));
    n++;
  }
  return n;
}
