import path from 'node:path';
import { registerSecret } from '#core/redact';
import { readFileNoFollow } from '#core/secure-file';
import { err, ok, type Result } from '#core/result';

export const TELEGRAM_TOKEN_FILE = 'telegram-bot-token';
export const TELEGRAM_TOKEN_ENV = 'TERMINAL_TELEGRAM_BOT_TOKEN';
/** The shape of a Bot API token: the bot's id, a colon, 35 characters of secret. */
const TOKEN_SHAPE = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;

export interface TokenError {
  readonly kind: 'telegram-token';
  readonly message: string;
}

/**
 * The Telegram bot token, kept like the OpenAlgo key: never in config.json. The environment variable
 * wins; else a file in the data folder readable only by its owner (mode 0600, not a symlink). Every
 * token read is registered with the log redactor. `undefined`: none saved.
 */
export function readTelegramToken(dataDir: string, env: NodeJS.ProcessEnv): Result<string | undefined, TokenError> {
  const fromEnv = env[TELEGRAM_TOKEN_ENV]?.trim();
  if (fromEnv) return checked(fromEnv, TELEGRAM_TOKEN_ENV);
  const file = path.join(dataDir, TELEGRAM_TOKEN_FILE);
  const read = readFileNoFollow(file);
  if (!read.ok) return read.error.kind === 'not-found' ? ok(undefined) : err({ kind: 'telegram-token', message: read.error.message });
  if (process.platform !== 'win32' && (read.value.stats.mode & 0o077) !== 0) {
    return err({ kind: 'telegram-token', message: `${file} can be read by other users: run \`chmod 600 ${file}\`` });
  }
  return checked(read.value.data.toString('utf8').trim(), file);
}

function checked(token: string, where: string): Result<string, TokenError> {
  registerSecret(token);
  if (!TOKEN_SHAPE.test(token)) return err({ kind: 'telegram-token', message: `the Telegram bot token in ${where} is not shaped like one (digits, a colon, then the secret as @BotFather gives it)` });
  return ok(token);
}
