import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * Command-line parsing shared by every entry point, so each says the same things the same way: `--help`
 * prints the usage, and a bad argument is one line naming it and the fix (never Node's stack trace).
 */
export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** The npm script name; every message starts with it: `serve: …`. */
  readonly name: string;
  /** How the user runs it, up to where options go: `npm run serve --`. */
  readonly invocation: string;
  /** The full text `--help` prints. */
  readonly help: string;
  readonly options: O;
  /** Positional arguments the command takes (none unless given). */
  readonly positionals?: { readonly max: number };
}

export type CommandValues<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>['values'];

export interface CommandArgs<O extends ParseArgsOptionsConfig> {
  readonly values: CommandValues<O>;
  readonly positionals: readonly string[];
}

export type CommandLine<O extends ParseArgsOptionsConfig> =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly args: CommandArgs<O> }
  | { readonly kind: 'usage-error'; readonly what: string; readonly fix: string };

/** The fix to suggest when the command's own help is the best one. */
export const seeHelp = (spec: Pick<CommandSpec<ParseArgsOptionsConfig>, 'invocation'>): string => `see ${spec.invocation} --help`;

/** `<command>: <what is wrong> — <how to fix it>`: the one shape every error line has. */
export function problemLine(command: string, what: string, fix: string): string {
  return `${command}: ${oneLine(what)} — ${oneLine(fix)}`;
}

/** Error texts from libraries can span lines; a user-facing line must not. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Parses `argv` against the spec. Unknown options, missing values, values given to flags, repeated
 * options and stray arguments are usage errors; `--help`/`-h` anywhere asks for the usage.
 */
export function parseCommandLine<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, argv: readonly string[]): CommandLine<O> {
  const known: ParseArgsOptionsConfig = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  const usage = (what: string, fix: string = seeHelp(spec)): CommandLine<O> => ({ kind: 'usage-error', what, fix });
  const { tokens } = parseArgs({ args: [...argv], options: known, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { kind: 'help' };

  const seen = new Set<string>();
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals++;
      if (positionals > (spec.positionals?.max ?? 0)) {
        return usage(
          `unexpected argument "${token.value}"`,
          spec.positionals?.max
            ? `it takes ${spec.positionals.max === 1 ? 'one' : `at most ${spec.positionals.max}`} file or folder; ${seeHelp(spec)}`
            : `options need their name (--port 8080), and npm passes them only after --: ${spec.invocation} --port 8080`,
        );
      }
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (!option) return usage(`unknown option ${token.rawName}`, `the options are ${optionList(spec.options)}; ${seeHelp(spec)}`);
    if (option.type === 'boolean' && token.inlineValue) return usage(`${token.rawName} takes no value`, `write just ${token.rawName}`);
    if (option.type === 'string') {
      if (token.value === undefined) return usage(`${token.rawName} needs a value`, `write ${token.rawName} <value>; ${seeHelp(spec)}`);
      if (!token.inlineValue && token.value.startsWith('-')) {
        return usage(`${token.rawName} needs a value, but ${token.value} follows it`, `give the value after ${token.rawName}, or write ${token.rawName}=${token.value} if that is the value`);
      }
    }
    if (!option.multiple && seen.has(token.name)) return usage(`--${token.name} is given twice`, 'give it once');
    seen.add(token.name);
  }
  const parsed = parseArgs({ args: [...argv], options: spec.options, strict: true, allowPositionals: true });
  return { kind: 'run', args: { values: parsed.values, positionals: parsed.positionals } };
}

function optionList(options: ParseArgsOptionsConfig): string {
  return [...Object.keys(options).map((o) => `--${o}`), '--help'].join(', ');
}

/** A whole number in [min, max], written as digits (`Number('')` is 0 and `Number('1e3')` is 1000: neither is accepted). */
export function integerIn(raw: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** A decimal number in [min, max]. */
export function numberIn(raw: string, min: number, max: number): number | undefined {
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not rolled into March). */
export function calendarDate(raw: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw ? raw : undefined;
}

/** One of the allowed words. */
export function oneOf<const T extends string>(raw: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}
