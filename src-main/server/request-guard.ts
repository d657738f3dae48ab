/**
 * Which `Host` and `Origin` a request may carry. DNS rebinding makes a foreign site's name point at
 * 127.0.0.1: the browser then sends `Host: evil.example` (and the same Origin), so only names that are
 * this machine's loopback, the bind address itself or the configured host name are served.
 */
export interface HostPolicy {
  /** The port the server really listens on. */
  readonly port: number;
  /** The bind address (`--host`). */
  readonly bindHost: string;
  /** `server.allowedHost` from config.json. */
  readonly allowedHost?: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** A bind address that only this machine can reach. */
export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function isWildcardBind(host: string): boolean {
  return WILDCARDS.has(host);
}

/** The host as it appears in a URL or a Host header: IPv6 addresses in brackets, names lowercase. */
export function urlHost(host: string): string {
  const h = host.toLowerCase();
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}

export function allowedHostnames(policy: HostPolicy): ReadonlySet<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (!isWildcardBind(policy.bindHost)) names.add(urlHost(policy.bindHost));
  if (policy.allowedHost) names.add(urlHost(policy.allowedHost));
  return names;
}

/** `name:port` of a Host header, port 80 when absent; undefined when it is not a plain host[:port]. */
function parseHostHeader(value: string): { name: string; port: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), port: m[2] === undefined ? 80 : Number(m[2]) };
}

export function hostAllowed(host: string | undefined, policy: HostPolicy): boolean {
  const parsed = host === undefined ? undefined : parseHostHeader(host);
  return parsed !== undefined && parsed.port === policy.port && allowedHostnames(policy).has(parsed.name);
}

/**
 * A browser sends Origin on WebSocket upgrades and on most requests scripts make. When present it must
 * be this server as the Host header names it: same scheme (http), same allowed host, same port.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, policy: HostPolicy): boolean {
  if (origin === undefined) return true;
  if (!hostAllowed(host, policy)) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
  const own = parseHostHeader(host!)!;
  const theirs = parseHostHeader(url.host);
  return theirs !== undefined && theirs.name === own.name && theirs.port === own.port;
}
