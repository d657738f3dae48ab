import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactText } from '#core/redact';
import { fileSecretStore, TELEGRAM_TOKEN_FILE_NAME } from '#engine/secrets';
import { readTelegramToken, TELEGRAM_TOKEN_ENV } from './telegram-token.ts';

const TOKEN = '987654321:AAEanotherFakeTokenForTests_0123456789';
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-token-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = () => path.join(dir, TELEGRAM_TOKEN_FILE_NAME);
const read = (env: NodeJS.ProcessEnv = {}) => readTelegramToken(fileSecretStore(dir), env);

describe('the Telegram bot token (headless secret store)', () => {
  it('is absent when neither the store nor the variable has one', async () => {
    expect(await read()).toEqual({ ok: true, value: undefined });
  });

  it('is read from the store’s file only its owner can read, and is redacted from then on', async () => {
    fs.writeFileSync(file(), `${TOKEN}\n`, { mode: 0o600 });
    expect(await read()).toEqual({ ok: true, value: TOKEN });
    expect(redactText(`POST https://api.telegram.org/bot${TOKEN}/sendMessage`)).not.toContain(TOKEN);
  });

  it.skipIf(process.platform === 'win32')('is refused from a file others can read, saying how to fix it', async () => {
    fs.writeFileSync(file(), TOKEN, { mode: 0o644 });
    fs.chmodSync(file(), 0o644);
    expect(await read()).toEqual({ ok: false, error: { kind: 'telegram-token', message: `the Telegram bot token file ${file()} is readable by others: run chmod 600 ${file()}` } });
  });

  it.skipIf(process.platform === 'win32')('is never read through a symbolic link', async () => {
    const target = path.join(dir, 'elsewhere');
    fs.writeFileSync(target, TOKEN, { mode: 0o600 });
    fs.symlinkSync(target, file());
    const r = await read();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/symbolic link/) } });
  });

  it('takes the environment variable first', async () => {
    fs.writeFileSync(file(), 'garbage', { mode: 0o600 });
    expect(await read({ [TELEGRAM_TOKEN_ENV]: ` ${TOKEN} ` })).toEqual({ ok: true, value: TOKEN });
  });

  it('refuses something that is not a token without repeating it, from the variable or the store', async () => {
    const fromEnv = await read({ [TELEGRAM_TOKEN_ENV]: 'not-a-token-secret-value' });
    expect(fromEnv).toMatchObject({ ok: false, error: { message: expect.stringContaining(TELEGRAM_TOKEN_ENV) } });
    fs.writeFileSync(file(), 'stored-not-a-token-value', { mode: 0o600 });
    const fromStore = await read();
    expect(fromStore).toMatchObject({ ok: false, error: { message: expect.stringContaining('the secret store') } });
    for (const r of [fromEnv, fromStore]) expect(JSON.stringify(r)).not.toMatch(/not-a-token/);
  });
});
