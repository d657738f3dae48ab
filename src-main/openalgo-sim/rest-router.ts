import type { Clock } from '#core/clock';
import type { SimFaults } from './faults.ts';
import { jsonRaw, methodNotAllowed, notFound, optionsReply, rawReply, RESTX_INTERNAL_ERROR, serialize, type JsonReply, type Reply } from './http-answers.ts';
import { errorTreeJson, pyErrorRepr, type ErrorTree } from './marshmallow/py-repr.ts';
import { allowedMethods, LIMITS, RESOURCES, type Resource } from './resources.ts';

/**
 * One REST request through OpenAlgo's layers, in OpenAlgo's order: routing (404/405), the rate
 * limiter, reading the JSON body, the marshmallow schema, the service's key and broker-session check,
 * then the simulated service. Injected faults sit between the schema and the service.
 */
export interface RestRequest {
  readonly method: string;
  /** Path without the query, e.g. `/api/v1/placeorder/`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly contentType: string;
  readonly body: string;
}

export type Handler = (path: string, body: Record<string, unknown>) => Reply;

export interface RouterDeps {
  readonly clock: Clock;
  readonly apiKey: string;
  readonly faults: SimFaults;
  readonly enforceRateLimits: boolean;
  readonly analyze: () => boolean;
  readonly handle: Handler;
  /** Counts requests that reached a service, per path. */
  readonly reached: (path: string) => void;
}

export type Outcome = Reply | 'hang' | 'malformed';

/** `GET /ticker/<EXCHANGE:SYMBOL>`: it loads the history schema itself (`rest-history.ts`). */
const TICKER: Resource = { ...RESOURCES.history!, method: 'GET' };

const isJsonReply = (r: Reply): r is JsonReply => Array.isArray(r);

const RATE_LIMITED = { status: 'error', message: 'Rate limit exceeded. Please slow down your requests.', retry_after: 60 };
const INVALID_KEY = { status: 'error', message: 'Invalid openalgo apikey' };

/** Flask's `request.is_json`: `application/json` or `application/*+json`, parameters ignored. */
function isJson(contentType: string): boolean {
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

function invalidBody(r: Resource, errors: ErrorTree, analyze: boolean): Reply {
  const tag = r.analyzeErrors && analyze ? { mode: 'analyze' } : {};
  switch (r.invalid) {
    case 'repr':
      return jsonRaw(400, r.style, { ...tag, status: 'error', message: pyErrorRepr(errors) });
    case 'dict':
      return jsonRaw(400, r.style, { status: 'error', message: errorTreeJson(errors) });
    case 'validation-error':
      return jsonRaw(400, r.style, { status: 'error', message: 'Validation error', errors: errorTreeJson(errors) });
    case 'validation-failed':
      return jsonRaw(400, r.style, { status: 'error', message: 'Validation failed', errors: errorTreeJson(errors) });
  }
}

/** The input the instruments resource builds from its query string before loading the schema. */
function instrumentsInput(q: URLSearchParams): Record<string, unknown> {
  return { apikey: q.get('apikey'), exchange: q.get('exchange'), format: (q.get('format') ?? 'json').toLowerCase() };
}

export function createRestRouter(deps: RouterDeps): (req: RestRequest) => Outcome {
  const windows = new Map<string, number[]>();

  function limited(path: string, r: Resource): boolean {
    if (!deps.enforceRateLimits) return false;
    const { count, windowMs } = LIMITS[r.bucket];
    const now = deps.clock.now();
    const w = (windows.get(path) ?? []).filter((t) => t > now - windowMs);
    windows.set(path, w);
    if (w.length >= count) return true;
    w.push(now);
    return false;
  }

  function auth(r: Resource, key: unknown): JsonReply | undefined {
    if (r.auth === 'none') return undefined;
    if (key !== deps.apiKey) return [r.auth === 'greeks' ? 401 : 403, INVALID_KEY];
    if (r.auth === 'broker' && deps.faults.sessionExpired) return [403, INVALID_KEY];
    return undefined;
  }

  return (req) => {
    const m = /^\/api\/v1\/(.+?)\/?$/.exec(req.path);
    const ticker = m && /^ticker\/[^/]+$/.test(m[1]!) && !req.path.endsWith('/');
    const name = ticker ? 'ticker' : m?.[1];
    const resource = name === 'ticker' ? TICKER : name !== undefined ? RESOURCES[name] : undefined;
    if (!resource || name === undefined) return notFound(req.path);
    const allowed = allowedMethods(resource);
    if (req.method === 'OPTIONS') return optionsReply(allowed);
    if (!allowed.includes(req.method)) return methodNotAllowed(allowed);
    if (limited(name, resource)) return jsonRaw(429, 'jsonify', RATE_LIMITED);

    let input: unknown;
    if (resource.method === 'GET') input = name === 'ticker' ? { ...Object.fromEntries(req.query), symbol: decodeURIComponent(m![1]!.slice('ticker/'.length)) } : instrumentsInput(req.query);
    else {
      if (!isJson(req.contentType)) return resource.unreadable;
      try {
        input = JSON.parse(req.body);
      } catch {
        return resource.unreadable;
      }
      if (resource.refuseNullBody && input === null) return jsonRaw(400, 'jsonify', { status: 'error', message: 'Request body is missing or invalid JSON' });
    }
    if (name === 'ticker') return deps.handle(name, input as Record<string, unknown>);

    const loaded = resource.schema.load(input);
    if (!loaded.ok) {
      // `emit_analyzer_error` calls `.copy()` on the body: in analyze mode a non-object body escapes the resource.
      if (resource.analyzeErrors && deps.analyze() && (typeof input !== 'object' || input === null || Array.isArray(input))) return RESTX_INTERNAL_ERROR;
      return invalidBody(resource, loaded.errors, deps.analyze());
    }

    const fault = deps.faults.take(name);
    if (fault?.kind === 'status') {
      if (fault.status === 429) return jsonRaw(429, 'jsonify', { ...RATE_LIMITED, retry_after: fault.retryAfter ?? 60 });
      return jsonRaw(fault.status, resource.style, { status: 'error', message: fault.message ?? 'An unexpected error occurred in the API endpoint' });
    }
    if (fault?.kind === 'timeout') return 'hang';

    const denied = auth(resource, loaded.data.apikey);
    if (denied) return jsonRaw(denied[0], resource.style, denied[1]);
    deps.reached(name);
    const reply = deps.handle(name, loaded.data);
    if (fault?.kind === 'timeout-after-accept') return 'hang';
    if (fault?.kind === 'malformed') return 'malformed';
    return isJsonReply(reply) ? rawReply(reply[0], serialize(resource.style, reply[1]), 'application/json') : reply;
  };
}
