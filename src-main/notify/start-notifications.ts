import path from 'node:path';
import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { NotificationsConfig } from '#config/notify-schema';
import type { Engine } from '#engine/engine';
import { TELEGRAM_TOKEN_FILE_NAME, type SecretStore } from '#engine/secrets';
import type { NotificationSink } from './notification.ts';
import { watchEngine, type RuleSource } from './engine-rules.ts';
import { NotificationOutbox } from './outbox.ts';
import { telegramSink } from './telegram-sink.ts';
import { readTelegramToken, TELEGRAM_TOKEN_ENV } from './telegram-token.ts';

export interface NotificationsSetup {
  readonly engine: Engine;
  readonly config: NotificationsConfig;
  /** The wall clock: rate limits pace a person's attention, not the simulated market. */
  readonly clock: Clock;
  readonly dataDir: string;
  /** The shell's secret store, which keeps the Telegram bot token. */
  readonly secrets: Pick<SecretStore, 'readTelegramToken'>;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** The shell's own sink (the Electron app's desktop notifications). */
  readonly desktop?: NotificationSink;
  /** Telegram's Bot API address; a loopback fake in tests. */
  readonly telegramApiUrl?: string;
}

export interface RunningNotifications {
  /** The sinks in use, e.g. ['desktop', 'telegram']. */
  readonly sinks: readonly string[];
  /** One line for the user when a configured sink could not be set up. */
  readonly warning?: string;
  close(): void;
}

export function engineRuleSource(engine: Engine): RuleSource {
  return {
    events: engine.events,
    tradingState: () => engine.core.ledger.state(),
    positions: () => engine.trading.positions(),
    ownerOf: (id) => engine.trading.ownerOf(id),
    now: () => engine.status().now,
  };
}

/** Wires the rules to the sinks the config asks for. With no sink it listens to nothing. */
export async function startNotifications(setup: NotificationsSetup): Promise<RunningNotifications> {
  const { config, logger } = setup;
  const sinks: NotificationSink[] = [];
  let warning: string | undefined;
  if (setup.desktop && config.desktop) sinks.push(setup.desktop);
  if (config.telegram.enabled && config.telegram.chatId !== undefined) {
    const token = await readTelegramToken(setup.secrets, setup.env);
    if (!token.ok) warning = `Telegram notifications are off: ${token.error.message}`;
    else if (token.value === undefined) warning = `Telegram notifications are off: no bot token; save it in Settings → Notifications, put it in ${path.join(setup.dataDir, TELEGRAM_TOKEN_FILE_NAME)} (mode 600) and restart, or set ${TELEGRAM_TOKEN_ENV}`;
    else {
      const apiUrl = setup.telegramApiUrl ?? config.telegram.apiUrl;
      sinks.push(telegramSink({ token: token.value, chatId: config.telegram.chatId, timeoutMs: config.telegram.timeoutMs, ...(apiUrl ? { apiUrl } : {}) }));
    }
  }
  if (warning) logger.warn(warning);
  if (sinks.length === 0) return { sinks: [], ...(warning ? { warning } : {}), close: () => undefined };
  const outbox = new NotificationOutbox({ clock: setup.clock, rules: config.rules, sinks, logger });
  const stop = watchEngine(engineRuleSource(setup.engine), (n) => outbox.notify(n));
  logger.info({ sinks: sinks.map((s) => s.name) }, 'notifications on');
  return {
    sinks: sinks.map((s) => s.name),
    ...(warning ? { warning } : {}),
    close() {
      stop();
      outbox.close();
    },
  };
}
