import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { oneLine, parseCommandLine, problemLine, seeHelp, type CommandArgs, type CommandSpec } from './cli-args.ts';
import type { Logger } from './log.ts';

/** Exit codes every entry point shares. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface Cli<O extends ParseArgsOptionsConfig> extends CommandArgs<O> {
  readonly name: string;
  /** A bad argument: one line and exit 2. The fix defaults to pointing at --help. */
  usage(what: string, fix?: string): never;
  /** Something went wrong while running: one line and exit 1. Without a fix, `what` must say it. */
  fail(what: string, fix?: string): never;
  /** From now on, uncaught errors are written to this log instead of a crash file. */
  logCrashesTo(logger: Logger, file: string, showStack: boolean): void;
  /** Names what an uncaught error it recognises means and how to fix it, instead of "unexpected error … please report it". */
  explainCrashes(explain: CrashExplainer): void;
}

/** What an uncaught error means, when it is not a bug (e.g. a database another program holds): the line's words and its fix. */
export type CrashExplainer = (error: Error) => { readonly what: string; readonly fix: string } | undefined;

/**
 * The start of every entry point: catches uncaught errors first, then parses the command line. `--help`
 * prints the usage and exits 0; a usage error prints one line and exits 2.
 */
export function startCli<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, argv: readonly string[] = process.argv.slice(2)): Cli<O> {
  const crashes = catchUncaught(spec.name);
  const line = parseCommandLine(spec, argv);
  if (line.kind === 'help') exitWith(EXIT.ok, spec.help.endsWith('\n') ? spec.help : `${spec.help}\n`, 'stdout');
  if (line.kind === 'usage-error') exitWith(EXIT.usage, `${problemLine(spec.name, line.what, line.fix)}\n`);
  return {
    ...line.args,
    name: spec.name,
    usage: (what, fix = seeHelp(spec)) => exitWith(EXIT.usage, `${problemLine(spec.name, what, fix)}\n`),
    fail: (what, fix) => exitWith(EXIT.failure, `${fix === undefined ? `${spec.name}: ${oneLine(what)}` : problemLine(spec.name, what, fix)}\n`),
    logCrashesTo: crashes.logTo,
    explainCrashes: crashes.explain,
  };
}

/**
 * Exits after the text is written. process.exit() right after stream.write() can drop the text when
 * stdout is a pipe (asynchronous on POSIX), so the text goes out with a synchronous write.
 */
export function exitWith(code: number, text: string, to: 'stdout' | 'stderr' = 'stderr'): never {
  writeNow(to === 'stdout' ? 1 : 2, text);
  process.exit(code);
}

function writeNow(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(fd, bytes, written);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

/**
 * An uncaught error becomes one line naming the log that holds its stack. Before a log exists (or in
 * commands without one) the stack goes to a crash file in the temp folder.
 */
function catchUncaught(name: string): { logTo: Cli<ParseArgsOptionsConfig>['logCrashesTo']; explain: Cli<ParseArgsOptionsConfig>['explainCrashes'] } {
  let log: { logger: Logger; file: string; showStack: boolean } | undefined;
  let explainer: CrashExplainer | undefined;
  const onError = (thrown: unknown): void => {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    let where: string;
    if (log) {
      log.logger.fatal({ err: error }, 'uncaught error');
      where = log.file;
    } else {
      where = writeCrashFile(name, error);
    }
    const stack = log?.showStack ? `${error.stack ?? error.message}\n` : '';
    const known = explainer?.(error);
    const line = known ? problemLine(name, known.what, `${known.fix} (the details are in ${where})`) : problemLine(name, `unexpected error: ${error.message}`, `the details are in ${where}; please report it with them`);
    exitWith(EXIT.failure, `${line}\n${stack}`);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    logTo: (logger, file, showStack) => {
      log = { logger, file, showStack };
    },
    explain: (explain) => {
      explainer = explain;
    },
  };
}

/** In a folder of the user's own (0700) under the temp folder, never through a planted symlink. */
function writeCrashFile(name: string, error: Error): string {
  // process.getuid is absent on Windows, whose temp folder is per user anyway.
  const uid = process.getuid?.();
  const dir = path.join(os.tmpdir(), `trading-terminal-${uid ?? 'user'}`);
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}-crash.log`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owned = fs.lstatSync(dir);
    if (!owned.isDirectory() || (uid !== undefined && owned.uid !== uid)) throw new Error(`${dir} is not a folder of this user`);
    const { O_APPEND, O_CREAT, O_WRONLY, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(file, O_APPEND | O_CREAT | O_WRONLY | O_NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, `${new Date().toISOString()} ${name} ${process.argv.slice(2).join(' ')}\n${error.stack ?? error.message}\n\n`);
    } finally {
      fs.closeSync(fd);
    }
    return file;
  } catch {
    return `(no crash file could be written; the stack was: ${oneLine(error.stack ?? error.message)})`;
  }
}

/**
 * Resolves a path the user typed against the folder they typed it in. `npm run` starts scripts in the
 * project root and keeps the user's folder in INIT_CWD; `~/` is the home folder even when quoted.
 */
export function userPath(typed: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (typed === '~' || typed.startsWith('~/')) return path.join(os.homedir(), typed.slice(1));
  const fromNpm = env.INIT_CWD && env.npm_package_json && path.dirname(env.npm_package_json) === cwd;
  return path.resolve(fromNpm ? env.INIT_CWD! : cwd, typed);
}

/**
 * Progress that rewrites one line on a terminal and prints whole lines elsewhere, so a log or a pipe
 * gets readable lines instead of carriage-return spam.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stdout): { show(text: string): void; end(): void } {
  let open = false;
  return {
    show(text) {
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
        open = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    end() {
      if (open) stream.write('\n');
      open = false;
    },
  };
}
