import { registerSecret } from '#core/redact';
import { err, ok, type Result } from '#core/result';
import type { NOTIFY_KINDS, NotificationsConfig, NotifyRule } from '#config/notify-schema';
import type { SecretStore } from '#engine/secrets';
import type { Notification } from './notification.ts';
import { startNotifications, type NotificationsSetup, type RunningNotifications } from './start-notifications.ts';
import { telegramSink } from './telegram-sink.ts';
import { readTelegramToken, TELEGRAM_TOKEN_ENV, TELEGRAM_TOKEN_SHAPE } from './telegram-token.ts';

export interface CenterError {
  readonly kind: 'invalid-input' | 'invalid-state' | 'unavailable' | 'not-available';
  readonly message: string;
}

/** What the settings screen shows: the saved section, whether a token is saved (never the token), what sends now. */
export interface NotificationSettingsView {
  readonly desktop: boolean;
  readonly desktopAvailable: boolean;
  readonly telegram: {
    readonly enabled: boolean;
    readonly chatId?: string;
    readonly timeoutMs: number;
    readonly token: 'set' | 'not-set';
    readonly tokenSource?: 'environment' | 'secret-store';
    readonly tokenProblem?: string;
  };
  readonly rules: Readonly<Record<(typeof NOTIFY_KINDS)[number], NotifyRule>>;
  // Plain arrays: the view is handed to the bridge as its DTO.
  readonly active: { readonly sinks: string[]; readonly warning?: string };
}

export interface TestOutcome {
  readonly results: { readonly sink: string; readonly delivered: boolean; readonly problem?: string }[];
}

export interface CenterSetup extends Omit<NotificationsSetup, 'config' | 'secrets'> {
  readonly secrets: Pick<SecretStore, 'readTelegramToken' | 'writeTelegramToken'>;
}

const TEST_MESSAGE = (now: number): Notification => ({
  kind: 'summary',
  title: 'Test message from the trading terminal',
  body: 'Notifications reach you here.',
  urgent: false,
  tsEvent: now,
});

/**
 * The shell's notifications as the trader manages them: read and change the settings (saved in config.json
 * through the engine, audited), save or remove the Telegram bot token (secret store), send a test. Every
 * change restarts the running rules and sinks, so it is in force at once. The token never appears in an
 * answer or a log line: answers say "set" or "not set", and every token seen is registered with the redactor.
 */
export function createNotificationCenter(setup: CenterSetup) {
  let running: RunningNotifications | undefined;
  let testing = false;
  let closed = false;

  const saved = (): Result<NotificationsConfig, CenterError> => {
    const r = setup.engine.notificationSettings();
    return r.ok ? r : err({ kind: r.error.kind === 'not-available' ? 'not-available' : 'unavailable', message: r.error.message });
  };

  let restarting: Promise<void> = Promise.resolve();
  /** One restart at a time, so two quick changes never leave two sets of rules running. */
  const restart = (): Promise<void> =>
    (restarting = restarting.then(async () => {
      const config = saved();
      running?.close();
      running = undefined;
      if (closed || !config.ok) return;
      const next = await startNotifications({ ...setup, config: config.value });
      if (closed) next.close();
      else running = next;
    }));

  const view = async (): Promise<Result<NotificationSettingsView, CenterError>> => {
    const config = saved();
    if (!config.ok) return config;
    const { telegram } = config.value;
    const token = await readTelegramToken(setup.secrets, setup.env);
    const fromEnv = Boolean(setup.env[TELEGRAM_TOKEN_ENV]?.trim());
    const tokenState = token.ok ? { token: token.value === undefined ? ('not-set' as const) : ('set' as const) } : { token: 'set' as const, tokenProblem: token.error.message };
    return ok({
      desktop: config.value.desktop,
      desktopAvailable: setup.desktop !== undefined,
      telegram: {
        enabled: telegram.enabled,
        ...(telegram.chatId !== undefined ? { chatId: telegram.chatId } : {}),
        timeoutMs: telegram.timeoutMs,
        ...tokenState,
        ...(tokenState.token === 'set' ? { tokenSource: fromEnv ? ('environment' as const) : ('secret-store' as const) } : {}),
      },
      rules: config.value.rules,
      active: { sinks: [...(running?.sinks ?? [])], ...(running?.warning ? { warning: running.warning } : {}) },
    });
  };

  return {
    /** Starts the notifications the saved settings ask for. */
    start: restart,
    view,

    async update(patch: Readonly<Record<string, unknown>>): Promise<Result<NotificationSettingsView, CenterError>> {
      const r = setup.engine.setNotificationSettings(patch);
      if (!r.ok) return err({ kind: r.error.kind === 'invalid-input' || r.error.kind === 'not-available' ? r.error.kind : 'unavailable', message: r.error.message });
      await restart();
      return view();
    },

    async setTelegramToken(token: string | null): Promise<Result<NotificationSettingsView, CenterError>> {
      const value = token?.trim();
      registerSecret(value);
      if (value !== undefined && !TELEGRAM_TOKEN_SHAPE.test(value)) return err({ kind: 'invalid-input', message: 'token: is not shaped like a bot token (digits, a colon, then the secret as @BotFather gives it)' });
      const written = await setup.secrets.writeTelegramToken(value);
      if (!written.ok) return err({ kind: 'unavailable', message: written.error.message });
      setup.logger.info(value === undefined ? 'Telegram bot token removed' : 'Telegram bot token saved');
      setup.engine.noteSecretChange('telegram-token', value === undefined ? 'removed' : 'saved');
      await restart();
      return view();
    },

    /**
     * One test message through the desktop (when on) and Telegram with the saved chat and token, whether
     * or not Telegram is switched on yet, so the trader can check both before relying on them. Not rate
     * limited by the rules, but one at a time.
     */
    async sendTest(): Promise<Result<TestOutcome, CenterError>> {
      if (testing) return err({ kind: 'invalid-state', message: 'a test message is being sent: wait for its answer' });
      const config = saved();
      if (!config.ok) return config;
      const { telegram, desktop } = config.value;
      const sinks = setup.desktop && desktop ? [setup.desktop] : [];
      if (telegram.chatId !== undefined) {
        const token = await readTelegramToken(setup.secrets, setup.env);
        if (!token.ok) return err({ kind: 'invalid-state', message: `Telegram cannot be tested: ${token.error.message}` });
        if (token.value === undefined) return err({ kind: 'invalid-state', message: 'Telegram cannot be tested: no bot token is saved; save the token @BotFather gave you first' });
        const apiUrl = setup.telegramApiUrl ?? telegram.apiUrl;
        sinks.push(telegramSink({ token: token.value, chatId: telegram.chatId, timeoutMs: telegram.timeoutMs, maxRetryAfterMs: 0, ...(apiUrl ? { apiUrl } : {}) }));
      }
      if (sinks.length === 0) return err({ kind: 'invalid-state', message: 'nothing to test: give a Telegram chat id (and save the bot token)' + (setup.desktop ? ', or switch desktop notifications on' : '') });
      testing = true;
      try {
        const note = TEST_MESSAGE(setup.clock.now());
        const results = await Promise.all(
          sinks.map(async (sink) => {
            const r = await sink.send(note);
            return r.ok ? { sink: sink.name, delivered: true } : { sink: sink.name, delivered: false, problem: r.error.message };
          }),
        );
        setup.logger.info({ results: results.map((r) => `${r.sink}: ${r.delivered ? 'delivered' : 'not delivered'}`) }, 'test notification');
        return ok({ results });
      } finally {
        testing = false;
      }
    },

    close(): void {
      closed = true;
      running?.close();
      running = undefined;
    },
  };
}

export type NotificationCenter = ReturnType<typeof createNotificationCenter>;
