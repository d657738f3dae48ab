import type { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { openAlgoError, SESSION_EXPIRED_MESSAGE, type OpenAlgoError } from './errors.ts';
import type { EndpointSpec } from './endpoints.ts';
import { parseJsonLenient } from './lenient-json.ts';
import { errorBody } from './wire/common.ts';

const MAX_MESSAGE = 300;

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

function describeIssues(error: z.ZodError): string {
  return clip(error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
}

/** What the caller knows beyond the body. */
export interface ResponseContext {
  /** The `Retry-After` header, when one came (OpenAlgo itself sends none; a proxy in front may). */
  readonly retryAfterHeader?: string | null;
  /** True once this key got a real answer: a later "Invalid openalgo apikey" then means the session ended. */
  readonly keyWorked?: boolean;
  /** The validated request, for batch endpoints whose results are tied back to it (without it a basket's rows match nothing). */
  readonly request?: unknown;
  readonly nowMs?: number;
}

/** OpenAlgo's answer when `get_auth_token_broker` finds no live session for the key (wrong key, or revoked). */
const INVALID_KEY = /invalid openalgo apikey/i;
/** Broker token failures passed through by OpenAlgo's services (401/403 from the broker, expired tokens). */
const BROKER_TOKEN = /\b(401|403)\b|unauthori[sz]ed|auth(entication)? failed|invalid (access[ _-]?)?token|token (is |has )?(expired|invalid)|access[_ ]token|session (has )?expired|invalid session|not logged in|login required/i;

/** Seconds (`Retry-After: 2`) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/**
 * Turns one HTTP answer into a typed result. Never throws, whatever the body: the fuzz test feeds it
 * arbitrary bytes. Writes get `unknown-outcome` whenever the answer cannot prove the order failed; a 5xx
 * is such an answer, since OpenAlgo reports a broker call that raised after the broker took the order
 * as "Failed to place order due to internal error" with HTTP 500.
 */
export function parseResponse<Req extends z.ZodType, Res extends z.ZodType>(
  endpoint: EndpointSpec<Req, Res>,
  httpStatus: number,
  text: string,
  context: ResponseContext = {},
): Result<z.output<Res>, OpenAlgoError> {
  const name = endpoint.path;
  const json = parseJsonLenient(text);
  const body = errorBody.safeParse(json);
  const serverMessage = body.success ? body.data.message : undefined;
  const message = clip(serverMessage ?? (text.trim() === '' ? `HTTP ${httpStatus}` : text.trim()));

  if (httpStatus === 401 || httpStatus === 403) {
    if (/semi-auto|banned/i.test(message)) return err(openAlgoError('forbidden', name, `OpenAlgo refused ${name}: ${message}`, { httpStatus }));
    if ((INVALID_KEY.test(message) && context.keyWorked) || (!INVALID_KEY.test(message) && BROKER_TOKEN.test(message))) {
      return err(openAlgoError('session-expired', name, `${SESSION_EXPIRED_MESSAGE} (${name}: ${message})`, { httpStatus }));
    }
    return err(
      openAlgoError('auth', name, `OpenAlgo rejected the API key (${message}): check the key, or log in to your broker in OpenAlgo (the broker session expires daily at 03:00 IST)`, {
        httpStatus,
      }),
    );
  }
  if (httpStatus === 429) {
    const fromHeader = retryAfterMs(context.retryAfterHeader, context.nowMs ?? 0);
    const fromBody = body.success && body.data.retry_after !== undefined && body.data.retry_after > 0 ? body.data.retry_after * 1000 : undefined;
    return err(openAlgoError('rate-limited', name, `OpenAlgo rate limit on ${name}: ${message}`, { httpStatus, retryAfterMs: fromHeader ?? fromBody ?? 60_000 }));
  }
  if (httpStatus === 400) return err(openAlgoError('validation', name, message, { httpStatus }));
  if (httpStatus === 404) return err(openAlgoError('not-found', name, message, { httpStatus }));
  if (httpStatus >= 500) {
    if (endpoint.write) {
      const said = body.success && serverMessage ? `OpenAlgo said "${clip(serverMessage)}"` : 'no OpenAlgo answer';
      return err(openAlgoError('unknown-outcome', name, `${name} got HTTP ${httpStatus} (${said}): the broker may have taken it, check the order book`, { httpStatus, cause: 'server' }));
    }
    if (body.success && serverMessage && BROKER_TOKEN.test(serverMessage)) {
      return err(openAlgoError('session-expired', name, `${SESSION_EXPIRED_MESSAGE} (${name}: ${message})`, { httpStatus }));
    }
    return err(openAlgoError('server', name, body.success ? `${name} failed with HTTP ${httpStatus}: ${message}` : `${name} failed with HTTP ${httpStatus}`, { httpStatus }));
  }
  if (httpStatus < 200 || httpStatus >= 300 || body.success) return err(openAlgoError('broker', name, message, { httpStatus }));

  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    const detail = json === undefined ? 'the body is not JSON' : describeIssues(parsed.error);
    if (endpoint.write) {
      return err(openAlgoError('unknown-outcome', name, `${name} answered in an unexpected shape (${detail}): check the order book`, { httpStatus, cause: 'protocol' }));
    }
    return err(openAlgoError('protocol', name, `${name} answered in an unexpected shape: ${detail}`, { httpStatus }));
  }
  const report = endpoint.legs?.(parsed.data, context.request as z.output<Req> | undefined);
  if (report && (report.legs.some((l) => !l.ok) || (report.unmatched?.length ?? 0) > 0)) {
    const failed = report.legs.filter((l) => l.outcome === 'failed').length;
    const unknown = report.legs.filter((l) => l.outcome === 'unknown').length;
    const ambiguous = report.legs.filter((l) => l.ambiguous).length;
    const parts = [
      failed > 0 ? `${failed} failed` : '',
      unknown > 0 ? `${unknown} with an unknown outcome (check the order book)` : '',
      ambiguous > 0 ? `${ambiguous} whose result rows cannot be told apart` : '',
      report.unmatched?.length ? `${report.unmatched.length} result rows not tied to a leg` : '',
    ].filter(Boolean);
    return err(
      openAlgoError('partial-failure', name, `${name}: ${report.legs.length} legs, ${parts.join(', ')}`, {
        httpStatus,
        legs: report.legs,
        ...(report.unmatched?.length ? { unmatched: report.unmatched } : {}),
        response: parsed.data,
      }),
    );
  }
  return ok(parsed.data);
}
