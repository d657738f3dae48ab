import { registerSecret } from '#core/redact';
import { err, ok, type Result } from '#core/result';
import type { Notification, NotificationSink, SinkError } from './notification.ts';

export const TELEGRAM_API = 'https://api.telegram.org';

export interface TelegramOptions {
  /** The bot token from @BotFather; a secret: it is only ever put in the request path. */
  readonly token: string;
  readonly chatId: string;
  readonly timeoutMs: number;
  /** Telegram's Bot API; a loopback fake in tests. */
  readonly apiUrl?: string;
  /** Longest `retry_after` honoured before one retry; beyond it the message is reported as not sent. */
  readonly maxRetryAfterMs?: number;
  /** How a back-off waits (real time: it paces requests to Telegram). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Messages waiting behind a slow or backed-off one; more than this and the newest is refused. */
  readonly maxQueue?: number;
}

const TELEGRAM_TEXT_LIMIT = 4096;

/** The Bot API's answer envelope (https://core.telegram.org/bots/api#making-requests). */
interface BotApiAnswer {
  readonly ok?: boolean;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number };
}

async function readAnswer(res: Response): Promise<BotApiAnswer> {
  try {
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null ? (body as BotApiAnswer) : {};
  } catch {
    return {};
  }
}

/** Plain text (no parse_mode: a symbol with `_` or `*` must not break the message). */
export function telegramText(n: Notification): string {
  const text = `${n.urgent ? '⚠️ ' : ''}${n.title}\n${n.body}`;
  return text.length <= TELEGRAM_TEXT_LIMIT ? text : `${text.slice(0, TELEGRAM_TEXT_LIMIT - 1)}…`;
}

/**
 * Sends to a Telegram chat through the Bot API's sendMessage, one message at a time. A 429 waits its
 * `retry_after` once (so later messages queue behind it, as Telegram asks); a 401 means the token is
 * wrong, and the sink stops calling Telegram until the terminal is restarted with a new one. A timeout
 * is not retried: Telegram may have delivered it, and a duplicate alert is worse than a late log line.
 */
export function telegramSink(options: TelegramOptions): NotificationSink {
  registerSecret(options.token);
  const url = `${options.apiUrl ?? TELEGRAM_API}/bot${options.token}/sendMessage`;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxQueue = options.maxQueue ?? 50;
  let unauthorized = false;
  let queued = 0;
  let tail: Promise<unknown> = Promise.resolve();

  const post = async (text: string): Promise<Result<void, SinkError & { retryAfterMs?: number }>> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: options.chatId, text, disable_web_page_preview: true }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (e) {
      const name = (e as Error).name;
      // Never the error's own text: it can carry the request URL, and so the token.
      if (name === 'TimeoutError' || name === 'AbortError') return err({ kind: 'timeout', message: `Telegram did not answer within ${options.timeoutMs} ms` });
      const code = ((e as { cause?: { code?: string } }).cause?.code) ?? 'network error';
      return err({ kind: 'network', message: `cannot reach Telegram (${code})` });
    }
    const answer = await readAnswer(res);
    if (res.ok && answer.ok === true) return ok(undefined);
    if (res.status === 401 || res.status === 404) {
      unauthorized = true;
      return err({ kind: 'unauthorized', message: `Telegram refused the bot token (HTTP ${res.status}): save the token @BotFather gave you again and restart; Telegram is off until then` });
    }
    if (res.status === 429) {
      const seconds = answer.parameters?.retry_after;
      return err({ kind: 'rate-limited', message: `Telegram asks to slow down (retry after ${seconds ?? '?'} s)`, ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}) });
    }
    const detail = (answer.description ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
    return err({ kind: 'refused', message: `Telegram refused the message (HTTP ${res.status}${detail ? `: ${detail}` : ''})` });
  };

  const sendNow = async (text: string): Promise<Result<void, SinkError>> => {
    if (unauthorized) return err({ kind: 'unauthorized', message: 'Telegram is off: it refused the bot token earlier' });
    const first = await post(text);
    if (first.ok || first.error.kind !== 'rate-limited') return first;
    const wait = first.error.retryAfterMs;
    if (wait === undefined || wait > maxRetryAfterMs) return err({ kind: 'rate-limited', message: first.error.message });
    await sleep(wait);
    const second = await post(text);
    return second.ok ? second : err({ kind: second.error.kind, message: second.error.message });
  };

  return {
    name: 'telegram',
    send(n) {
      if (queued >= maxQueue) return Promise.resolve(err({ kind: 'unavailable', message: `${maxQueue} Telegram messages are already waiting: this one is not sent` }));
      queued++;
      const result = tail.then(() => sendNow(telegramText(n)));
      tail = result.finally(() => queued--);
      return result;
    },
  };
}
