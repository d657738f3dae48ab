/**
 * The reason a file-system call failed, without Node's stack or the repeated path:
 * `EACCES: permission denied` rather than `Error: EACCES: permission denied, open '/x/y'\n    at …`.
 */
export function fsReason(e: unknown): string {
  const error = e as Partial<NodeJS.ErrnoException> | undefined;
  const message = String(error?.message ?? e).replace(/\s*\n\s*/g, ' ');
  if (!error?.code) return message;
  return `${error.code}: ${message.replace(/^[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '')}`;
}
