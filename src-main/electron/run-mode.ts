/**
 * Whether this run is a developer's: then, and only then, DevTools exist and the renderer may come from
 * electron-vite's dev server instead of app://. Development means BOTH that the app is not packaged AND
 * that `electron-vite dev` started it (it sets NODE_ENV_ELECTRON_VITE=development in the environment of
 * the Electron it spawns). A packaged app, or `npm start` (electron-vite build, then `electron .`), never
 * honours ELECTRON_RENDERER_URL: a page from another origin would get the whole bridge, key and orders.
 */
export interface RunMode {
  readonly development: boolean;
  /** The dev server's URL, only in development and only on loopback; otherwise the app:// page loads. */
  readonly rendererUrl: string | undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function loopbackDevServer(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname) && !u.username && !u.password ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function runMode(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): RunMode {
  const development = !isPackaged && env.NODE_ENV_ELECTRON_VITE === 'development';
  return { development, rendererUrl: development ? loopbackDevServer(env.ELECTRON_RENDERER_URL) : undefined };
}
