import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The renderer's Content-Security-Policy. The same text is in src-renderer/index.html's meta tag (a test
 * holds them equal); the protocol handler also sends it as a header, which a page cannot edit away.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * One path segment of a built asset: Vite names files `name-hash.ext`. Anything else (`..`, a leading dot,
 * `%` left after decoding, `\`, `:`, NUL, empty segments) cannot name one of our files, so it is refused
 * outright instead of being interpreted.
 */
const ASSET_SEGMENT = /^[A-Za-z0-9_~@+-][A-Za-z0-9._~@+-]*$/;

export interface PathFlavour {
  /** Resolve as Windows paths (drive letters, `\`); the default is the running platform's. */
  readonly windows?: boolean;
}

/**
 * Maps an `app://renderer/<path>` URL to a file inside the built renderer, or undefined when it is not a
 * plain asset path. The URL is decoded exactly once, every segment must look like an asset name, and the
 * file is found through a file: URL and checked to lie strictly inside the root after all of that.
 */
export function resolveAppUrl(rootDir: string, url: string, flavour: PathFlavour = {}): string | undefined {
  const windows = flavour.windows ?? process.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'app:' || u.host !== 'renderer' || u.username !== '' || u.password !== '') return undefined;
  let decoded: string;
  try {
    // Chromium gives a standard scheme's bare host the path "/"; Node's URL leaves it empty.
    decoded = decodeURIComponent(u.pathname || '/');
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/')) return undefined;
  const segments = decoded === '/' ? ['index.html'] : decoded.slice(1).split('/');
  if (!segments.every((s) => ASSET_SEGMENT.test(s))) return undefined;

  const root = p.resolve(rootDir);
  const rootUrl = pathToFileURL(root.endsWith(p.sep) ? root : root + p.sep, { windows });
  const file = fileURLToPath(new URL(segments.map(encodeURIComponent).join('/'), rootUrl), { windows });
  const rel = p.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel) ? file : undefined;
}

export interface AppProtocolDeps {
  readonly rootDir: string;
  readonly isFile: (file: string) => boolean;
  /** Electron's net.fetch, given the file: URL built from the checked path (never a string splice). */
  readonly fetchFile: (fileUrl: string) => Promise<Response>;
}

/** The `app://` handler: only GET/HEAD of files inside the renderer folder, every answer with the headers. */
export function appProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const answer = (status: number, text: string): Response => new Response(text, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'method not allowed');
    const file = resolveAppUrl(deps.rootDir, request.url);
    if (!file || !deps.isFile(file)) return answer(404, 'not found');
    const res = await deps.fetchFile(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    for (const [name, value] of Object.entries(APP_RESPONSE_HEADERS)) headers.set(name, value);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
