import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What a configured token may be made of: safe in a URL, a cookie and a header without escaping. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{32,256}$/;

/** The environment variable that configures the token (it wins over `server.token` in config.json). */
export const TOKEN_ENV = 'TERMINAL_SERVER_TOKEN';

/** A fresh per-run token: 32 random bytes, base64url (43 characters). */
export function newAccessToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first, so neither the content nor the length of the
 * real token leaks through how long a wrong guess takes.
 */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = crypto.createHash('sha256').update(candidate).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host, so the port is in the name: two terminals do not clash. */
export function tokenCookieName(port: number): string {
  return `terminal_token_${port}`;
}

/** A session cookie the page's scripts cannot read and no other site can make the browser send. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Every token a request presents: `Authorization: Bearer …` and each cookie of the right name. */
export function presentedTokens(headers: IncomingHttpHeaders, port: number): string[] {
  const found: string[] = [];
  const auth = headers.authorization;
  const bearer = auth === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  if (bearer !== undefined) found.push(bearer);
  const name = tokenCookieName(port);
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) found.push(part.slice(eq + 1).trim());
  }
  return found;
}

export function requestAuthorized(headers: IncomingHttpHeaders, port: number, token: string): boolean {
  // Every candidate is compared, so how many there are and which one matches does not change the work done.
  return presentedTokens(headers, port).reduce((matched, t) => tokenMatches(t, token) || matched, false);
}
