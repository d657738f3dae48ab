import type { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { openAlgoError, type OpenAlgoError } from './errors.ts';
import type { EndpointSpec } from './endpoints.ts';
import { errorBody } from './wire/common.ts';

const MAX_MESSAGE = 300;

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return clip(error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
}

/**
 * Turns one HTTP answer into a typed result. Never throws, whatever the body: the fuzz test feeds it
 * arbitrary bytes. Writes get `unknown-outcome` whenever the answer cannot prove the order failed.
 */
export function parseResponse<Req extends z.ZodType, Res extends z.ZodType>(
  endpoint: EndpointSpec<Req, Res>,
  httpStatus: number,
  text: string,
): Result<z.output<Res>, OpenAlgoError> {
  const name = endpoint.path;
  const json = tryJson(text);
  const body = errorBody.safeParse(json);
  const serverMessage = body.success ? body.data.message : undefined;
  const message = clip(serverMessage ?? (text.trim() === '' ? `HTTP ${httpStatus}` : text.trim()));

  if (httpStatus === 403) {
    if (/semi-auto|banned/i.test(message)) return err(openAlgoError('forbidden', name, `OpenAlgo refused ${name}: ${message}`, { httpStatus }));
    return err(
      openAlgoError('auth', name, `OpenAlgo rejected the API key (${message}): check the key, or log in to your broker in OpenAlgo (the broker session expires daily at 03:00 IST)`, {
        httpStatus,
      }),
    );
  }
  if (httpStatus === 429) {
    const seconds = body.success && body.data.retry_after !== undefined && body.data.retry_after > 0 ? body.data.retry_after : 60;
    return err(openAlgoError('rate-limited', name, `OpenAlgo rate limit on ${name}: ${message}`, { httpStatus, retryAfterMs: seconds * 1000 }));
  }
  if (httpStatus === 400) return err(openAlgoError('validation', name, message, { httpStatus }));
  if (httpStatus === 404) return err(openAlgoError('not-found', name, message, { httpStatus }));
  if (httpStatus < 200 || httpStatus >= 300) {
    if (body.success) return err(openAlgoError('broker', name, message, { httpStatus }));
    if (endpoint.write) {
      return err(openAlgoError('unknown-outcome', name, `${name} got HTTP ${httpStatus} without an OpenAlgo answer: check the order book`, { httpStatus, cause: 'server' }));
    }
    return err(openAlgoError('server', name, `${name} failed with HTTP ${httpStatus}`, { httpStatus }));
  }
  if (body.success) return err(openAlgoError('broker', name, message, { httpStatus }));

  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    const detail = json === undefined ? 'the body is not JSON' : describeIssues(parsed.error);
    if (endpoint.write) {
      return err(openAlgoError('unknown-outcome', name, `${name} answered in an unexpected shape (${detail}): check the order book`, { httpStatus, cause: 'protocol' }));
    }
    return err(openAlgoError('protocol', name, `${name} answered in an unexpected shape: ${detail}`, { httpStatus }));
  }
  const legs = endpoint.legs?.(parsed.data);
  if (legs && legs.some((l) => !l.ok)) {
    const failed = legs.filter((l) => !l.ok).length;
    return err(
      openAlgoError('partial-failure', name, `${name}: ${failed} of ${legs.length} legs failed`, { httpStatus, legs, response: parsed.data }),
    );
  }
  return ok(parsed.data);
}
