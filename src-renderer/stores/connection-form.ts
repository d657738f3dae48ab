import type { ConnectionDto } from '#contract/dto';

export interface ConnectionForm {
  baseUrl: string;
  wsUrl: string;
  /** Empty means "keep the saved key". */
  apiKey: string;
}

export type FormCheck = { ok: true; input: { baseUrl: string; wsUrl: string; apiKey?: string } } | { ok: false; field: keyof ConnectionForm; message: string };

function urlProblem(text: string, schemes: readonly string[], what: string, example: string): string | undefined {
  if (!text) return `Enter the ${what}, e.g. ${example}.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The ${what} is not a web address; it looks like ${example}.`;
  }
  if (!schemes.includes(url.protocol)) return `The ${what} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, e.g. ${example}.`;
  if (!url.hostname) return `The ${what} has no host name; it looks like ${example}.`;
  return undefined;
}

/** What the trader typed, checked before anything is sent: an empty or malformed field is refused with a sentence. */
export function checkConnectionForm(form: ConnectionForm): FormCheck {
  const baseUrl = form.baseUrl.trim();
  const wsUrl = form.wsUrl.trim();
  const apiKey = form.apiKey.trim();
  const host = urlProblem(baseUrl, ['http:', 'https:'], 'OpenAlgo host URL', 'http://127.0.0.1:5000');
  if (host) return { ok: false, field: 'baseUrl', message: host };
  const ws = urlProblem(wsUrl, ['ws:', 'wss:'], 'WebSocket URL', 'ws://127.0.0.1:8765');
  if (ws) return { ok: false, field: 'wsUrl', message: ws };
  if (apiKey && (apiKey.length < 8 || /\s/.test(apiKey))) return { ok: false, field: 'apiKey', message: 'That does not look like an OpenAlgo API key: copy it whole from OpenAlgo’s API Key page.' };
  return { ok: true, input: { baseUrl, wsUrl, ...(apiKey ? { apiKey } : {}) } };
}

/** Only what changed against the saved profile; undefined when nothing did (no save, and no "Saved."). */
export function changesOf(input: { baseUrl: string; wsUrl: string; apiKey?: string }, saved: ConnectionDto): { baseUrl?: string; wsUrl?: string; apiKey?: string } | undefined {
  const out = {
    ...(input.baseUrl !== saved.baseUrl ? { baseUrl: input.baseUrl } : {}),
    ...(input.wsUrl !== saved.wsUrl ? { wsUrl: input.wsUrl } : {}),
    ...(input.apiKey ? { apiKey: input.apiKey } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What was saved, in one sentence. */
export function describeSave(changes: { baseUrl?: string; wsUrl?: string; apiKey?: string }, saved: ConnectionDto): string {
  const parts = [changes.baseUrl !== undefined && 'the host URL', changes.wsUrl !== undefined && 'the WebSocket URL', changes.apiKey !== undefined && 'the API key'].filter((p): p is string => Boolean(p));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
  const where = changes.apiKey ? ` The key is kept ${saved.keyStorage.startsWith('in ') || saved.keyStorage.startsWith('encrypted') ? '' : 'in a '}${saved.keyStorage}.` : '';
  return `Saved ${list}.${where}`;
}
