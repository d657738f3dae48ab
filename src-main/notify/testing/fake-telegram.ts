import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers: as Telegram does for a good token, an unknown chat, or a token it does not know. */
export type FakeTelegramMode = 'ok' | 'chat-not-found' | 'unauthorized';

export interface FakeTelegram {
  /** The Bot API base address to give the terminal (`…/bot<token>/sendMessage` is appended). */
  readonly url: string;
  /** Every sendMessage it accepted. */
  readonly messages: { readonly chatId: string; readonly text: string }[];
  /** Every request path it saw (to prove which token was used). */
  readonly paths: string[];
  mode: FakeTelegramMode;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for api.telegram.org's sendMessage (https://core.telegram.org/bots/api#sendmessage):
 * it knows one bot token and answers as the Bot API documents, 401 for any other.
 */
export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const fake: Omit<FakeTelegram, 'url' | 'close'> = { messages: [], paths: [], mode: 'ok' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      fake.paths.push(req.url ?? '');
      const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url !== `/bot${token}/sendMessage` || fake.mode === 'unauthorized') return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      if (fake.mode === 'chat-not-found') return json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      const body = JSON.parse(raw) as { chat_id: string; text: string };
      fake.messages.push({ chatId: String(body.chat_id), text: body.text });
      json(200, { ok: true, result: { message_id: fake.messages.length, chat: { id: Number(body.chat_id) }, text: body.text } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
