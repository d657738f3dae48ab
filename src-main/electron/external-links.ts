/**
 * The only places the app opens in the user's browser: OpenAlgo's documentation and its repository.
 * `shell.openExternal` hands a URL to the OS, which will also run `file:`, `smb:` or custom-scheme URLs:
 * anything not on this list is refused.
 */
const ALLOWED: readonly { readonly host: string; readonly path: string }[] = [
  { host: 'docs.openalgo.in', path: '/' },
  { host: 'github.com', path: '/marketcalls/openalgo' },
];

/** The normalised https URL when it is on the allowlist, otherwise undefined. */
export function allowedExternalUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return undefined;
  const ok = ALLOWED.some((a) => u.hostname === a.host && (a.path === '/' || u.pathname === a.path || u.pathname.startsWith(`${a.path}/`)));
  return ok ? u.href : undefined;
}
