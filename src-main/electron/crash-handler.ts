import type { Logger } from '#core/log';
import { storeFaultCrash } from '#engine/store-faults';

export interface CrashHandlerDeps {
  readonly logger: Logger;
  readonly logFile: string;
  /** Electron's `dialog.showErrorBox`: modal, so nothing else of the engine runs while it shows. */
  readonly showError: (title: string, message: string) => void;
  /** Electron's `app.exit`: at once, no quit events (a quit would run the engine's shutdown over a broken state). */
  readonly exit: (code: number) => void;
}

/**
 * Electron's own answer to an uncaught error in the main process is a dialog, after which the app runs on
 * with the part that threw dead while the window looks alive: a feed whose timer no longer re-arms, a bot
 * instant stopped halfway with its intents on their way to the broker. The headless terminal stops
 * instead (`core/cli.ts`); this makes the app do the same: the error is logged, said in one dialog (what
 * it means when it is known, e.g. a database another program holds), and the process exits. Every order
 * is written before it is sent, so a restart resumes every bot after reconciling with the broker.
 */
export function stopOnUncaughtErrors(proc: Pick<NodeJS.EventEmitter, 'on'>, deps: CrashHandlerDeps): void {
  const onError = (thrown: unknown): void => {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    deps.logger.fatal({ err: error }, 'uncaught error');
    const known = storeFaultCrash(error);
    const message = known
      ? `The terminal ${known.what}.\n\nTo go on: ${known.fix}.\n\nThe details are in ${deps.logFile}.`
      : `Unexpected error: ${error.message}\n\nThe details are in ${deps.logFile}; please report it with them. Start the terminal again: every bot resumes after it reconciles with the broker.`;
    deps.showError('The terminal stopped', message);
    deps.exit(1);
  };
  proc.on('uncaughtException', onError);
  proc.on('unhandledRejection', onError);
}
