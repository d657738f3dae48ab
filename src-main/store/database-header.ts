import fs from 'node:fs';

/**
 * The first 100 bytes of a SQLite file, read without SQLite (which would take locks and may write):
 * whether it is a database at all, and the schema version the app that wrote it recorded there
 * (`PRAGMA user_version`, a big-endian integer at offset 60).
 * https://www.sqlite.org/fileformat.html#the_database_header
 */
export type DatabaseHeader =
  | { readonly kind: 'missing' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'not-sqlite' }
  | { readonly kind: 'sqlite'; readonly userVersion: number };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const USER_VERSION_OFFSET = 60;

export function readHeader(file: string): DatabaseHeader {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP') return { kind: 'unreadable', reason: 'it is a symbolic link; the terminal does not follow links in its data folder: replace it with the file itself' };
    return { kind: 'unreadable', reason: code ?? 'error' };
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return { kind: 'unreadable', reason: 'it is not a regular file' };
    const header = Buffer.alloc(HEADER_SIZE);
    const read = fs.readSync(fd, header, 0, HEADER_SIZE, 0);
    if (read === 0) return { kind: 'empty' };
    if (read < HEADER_SIZE || !header.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'not-sqlite' };
    return { kind: 'sqlite', userVersion: header.readUInt32BE(USER_VERSION_OFFSET) };
  } catch (e) {
    return { kind: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    fs.closeSync(fd);
  }
}
