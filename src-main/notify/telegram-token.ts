import { registerSecret } from '#core/redact';
import { err, ok, type Result } from '#core/result';
import type { SecretStore } from '#engine/secrets';

export const TELEGRAM_TOKEN_ENV = 'TERMINAL_TELEGRAM_BOT_TOKEN';
/** The shape of a Bot API token: the bot's id, a colon, 35 characters of secret. */
export const TELEGRAM_TOKEN_SHAPE = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;

export interface TokenError {
  readonly kind: 'telegram-token';
  readonly message: string;
}

/**
 * The Telegram bot token, kept like the OpenAlgo key: never in config.json, in the shell's secret store
 * (encrypted by the OS keychain in the app, a 0600 file headless). The environment variable wins. Every
 * token read is registered with the log redactor before anything can print it. `undefined`: none saved.
 */
export async function readTelegramToken(secrets: Pick<SecretStore, 'readTelegramToken'>, env: NodeJS.ProcessEnv): Promise<Result<string | undefined, TokenError>> {
  const fromEnv = env[TELEGRAM_TOKEN_ENV]?.trim();
  if (fromEnv) return checked(fromEnv, TELEGRAM_TOKEN_ENV);
  const stored = await secrets.readTelegramToken();
  if (!stored.ok) return err({ kind: 'telegram-token', message: stored.error.message });
  return stored.value === undefined ? ok(undefined) : checked(stored.value, 'the secret store');
}

function checked(token: string, where: string): Result<string, TokenError> {
  registerSecret(token);
  if (!TELEGRAM_TOKEN_SHAPE.test(token)) return err({ kind: 'telegram-token', message: `the Telegram bot token in ${where} is not shaped like one (digits, a colon, then the secret as @BotFather gives it)` });
  return ok(token);
}
