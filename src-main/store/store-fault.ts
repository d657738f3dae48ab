/**
 * A write the database refused because of the machine, not the code: the file held by another program
 * past the busy wait, a full disk, an I/O error, a file that cannot be written. Such a refusal can pass
 * (the other program finishes, space is freed), so a path that runs again on its own (the next tick, the
 * next bar) reports it and goes on; a constraint or SQL error is a bug and is never one of these.
 */
export interface StoreFault {
  /** SQLite's extended result code, e.g. `SQLITE_BUSY`, `SQLITE_FULL`, `SQLITE_IOERR_WRITE`. */
  readonly code: string;
  /** What happened, for the trader: SQLite's own message with what it means here. */
  readonly message: string;
}

/** How long a connection of the terminal waits for another's write lock before SQLite refuses with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** The fault `thrown` is, or undefined when it is anything else (a bug, a constraint, a closed database). */
export function storeFaultOf(thrown: unknown): StoreFault | undefined {
  if (!(thrown instanceof Error)) return undefined;
  const code = (thrown as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const meaning = meaningOf(code);
  return meaning === undefined ? undefined : { code, message: `${thrown.message} (${meaning})` };
}

function meaningOf(code: string): string | undefined {
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) {
    return `another program held the database's write lock for more than ${BUSY_TIMEOUT_MS / 1000} s`;
  }
  if (code === 'SQLITE_FULL') return 'the disk is full';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk refused a read or a write';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'the database file cannot be written';
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) return 'the database file cannot be opened';
  return undefined;
}
