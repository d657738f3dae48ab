import path from 'node:path';

/**
 * Maps an `app://renderer/<path>` URL to a file inside the built renderer, or undefined when the path
 * would leave that folder (`..`, encoded slashes, absolute paths): the page can only load its own files.
 */
export function resolveAppUrl(rootDir: string, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'app:' || u.host !== 'renderer') return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}
