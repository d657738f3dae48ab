import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets are redacted by path wherever they appear, so an API key passed in an
 * object can never reach a log file.
 */
export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'terminal',
      level: options.level ?? 'info',
      redact: {
        paths: ['apiKey', 'apikey', '*.apiKey', '*.apikey', '*.*.apiKey', '*.*.apikey', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

/** Logs to a file (created with its folder), so a terminal user's console stays readable. */
export function createFileLogger(file: string, level = 'info'): Logger {
  return createLogger({ level, destination: pino.destination({ dest: file, mkdir: true, sync: false }) });
}

/** A logger that drops everything: the default in tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
