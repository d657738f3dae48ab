import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactText } from '#core/redact';
import { readTelegramToken, TELEGRAM_TOKEN_ENV, TELEGRAM_TOKEN_FILE } from './telegram-token.ts';

const TOKEN = '987654321:AAEanotherFakeTokenForTests_0123456789';
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-token-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = () => path.join(dir, TELEGRAM_TOKEN_FILE);

describe('the Telegram bot token', () => {
  it('is absent when neither the file nor the variable exists', () => {
    expect(readTelegramToken(dir, {})).toEqual({ ok: true, value: undefined });
  });

  it('is read from a file only its owner can read, and is redacted from then on', () => {
    fs.writeFileSync(file(), `${TOKEN}\n`, { mode: 0o600 });
    expect(readTelegramToken(dir, {})).toEqual({ ok: true, value: TOKEN });
    expect(redactText(`POST https://api.telegram.org/bot${TOKEN}/sendMessage`)).not.toContain(TOKEN);
  });

  it.skipIf(process.platform === 'win32')('is refused from a file others can read, saying how to fix it', () => {
    fs.writeFileSync(file(), TOKEN, { mode: 0o644 });
    fs.chmodSync(file(), 0o644);
    const r = readTelegramToken(dir, {});
    expect(r).toMatchObject({ ok: false, error: { message: `${file()} can be read by other users: run \`chmod 600 ${file()}\`` } });
  });

  it('takes the environment variable first', () => {
    fs.writeFileSync(file(), 'garbage', { mode: 0o600 });
    expect(readTelegramToken(dir, { [TELEGRAM_TOKEN_ENV]: ` ${TOKEN} ` })).toEqual({ ok: true, value: TOKEN });
  });

  it('refuses something that is not a token without repeating it', () => {
    const r = readTelegramToken(dir, { [TELEGRAM_TOKEN_ENV]: 'not-a-token-secret-value' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).not.toContain('not-a-token-secret-value');
  });
});
