import pino from 'pino';
import { openLogDestination } from './log-file.ts';
import { redactLogLine } from './redact.ts';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Every line passes through the redactor before it is written: secret-named
 * fields at any depth, `name: value` text and every registered secret value (redact.ts) are censored,
 * so an API key cannot reach a log file in a field, a message or an error's text.
 */
export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'terminal',
      level: options.level ?? 'info',
      hooks: { streamWrite: redactLogLine },
    },
    options.destination,
  );
}

/** The levels pino knows, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Logs to a file (created with its folder), so a terminal user's console stays readable. A file that
 * cannot be written costs the log, not the program: lines go to stderr after one warning. Shells that
 * must refuse to start instead open the file themselves with `openLogDestination`.
 */
export function createFileLogger(file: string, level: LogLevel = 'info'): Logger {
  const opened = openLogDestination(file);
  if (opened.ok) return createLogger({ level, destination: opened.value });
  process.stderr.write(`warning: cannot write the log file ${file} (${opened.error.reason}); logging to stderr instead.\n`);
  return createLogger({ level, destination: process.stderr });
}

/** A logger that drops everything: the default in tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
