import { describe, expect, it } from 'vitest';
import { calendarDate, integerIn, numberIn, oneOf, parseCommandLine, problemLine, type CommandSpec } from './cli-args.ts';

const OPTIONS = { port: { type: 'string' }, verbose: { type: 'boolean' }, tag: { type: 'string', multiple: true } } as const;
const spec = (max = 0): CommandSpec<typeof OPTIONS> => ({ name: 'demo', invocation: 'npm run demo --', help: 'usage', options: OPTIONS, positionals: { max } });

describe('parseCommandLine', () => {
  it('gives typed values and positionals', () => {
    const line = parseCommandLine(spec(1), ['file.csv', '--port', '80', '--verbose', '--tag', 'a', '--tag=b']);
    expect(line).toEqual({ kind: 'run', args: { values: { port: '80', verbose: true, tag: ['a', 'b'] }, positionals: ['file.csv'] } });
  });

  it('asks for help on --help or -h wherever it is, even beside a bad option', () => {
    expect(parseCommandLine(spec(), ['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(spec(), ['--nope', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--prot', '80'], 'unknown option --prot', 'the options are --port, --verbose, --tag, --help; see npm run demo -- --help'],
    [['-x'], 'unknown option -x', 'the options are --port, --verbose, --tag, --help; see npm run demo -- --help'],
    [['--port'], '--port needs a value', 'write --port <value>; see npm run demo -- --help'],
    [['--port', '--verbose'], '--port needs a value, but --verbose follows it', 'give the value after --port, or write --port=--verbose if that is the value'],
    [['--verbose=no'], '--verbose takes no value', 'write just --verbose'],
    [['--port', '1', '--port', '2'], '--port is given twice', 'give it once'],
    [['80'], 'unexpected argument "80"', 'options need their name (--port 8080), and npm passes them only after --: npm run demo -- --port 8080'],
  ])('refuses %j: %s', (argv, what, fix) => {
    expect(parseCommandLine(spec(), argv)).toEqual({ kind: 'usage-error', what, fix });
  });

  it('accepts a value that starts with a dash when written inline', () => {
    expect(parseCommandLine(spec(), ['--port=-1'])).toMatchObject({ kind: 'run', args: { values: { port: '-1' } } });
  });

  it('counts positionals against the limit, and -- makes the rest positional', () => {
    expect(parseCommandLine(spec(1), ['a', 'b'])).toMatchObject({ kind: 'usage-error', what: 'unexpected argument "b"' });
    expect(parseCommandLine(spec(2), ['--', '--port'])).toMatchObject({ kind: 'run', args: { positionals: ['--port'] } });
  });
});

describe('value checks', () => {
  it('integerIn takes whole numbers in range written as digits only', () => {
    expect(integerIn('8080', 0, 65_535)).toBe(8080);
    expect(integerIn('0', 0, 65_535)).toBe(0);
    for (const bad of ['', ' ', '1e3', '80.5', '0x50', '65536', '-1', 'abc']) expect(integerIn(bad, 0, 65_535), bad).toBeUndefined();
  });

  it('numberIn takes decimals in range', () => {
    expect(numberIn('0.5', 0.1, 3600)).toBe(0.5);
    expect(numberIn('60', 0.1, 3600)).toBe(60);
    expect(numberIn('.5', 0.1, 3600)).toBe(0.5);
    for (const bad of ['', '0', '3601', 'Infinity', 'NaN', '1e2', '--1']) expect(numberIn(bad, 0.1, 3600), bad).toBeUndefined();
  });

  it('calendarDate takes only days that exist', () => {
    expect(calendarDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-5', '20261105', '2026-11-05T00:00']) expect(calendarDate(bad), bad).toBeUndefined();
  });

  it('oneOf takes only the listed words', () => {
    expect(oneOf('IST', ['IST', 'UTC'])).toBe('IST');
    expect(oneOf('ist', ['IST', 'UTC'])).toBeUndefined();
  });
});

describe('problemLine', () => {
  it('is one line whatever the message holds', () => {
    expect(problemLine('serve', 'cannot start:\n  bad thing', 'fix it\n')).toBe('serve: cannot start: bad thing — fix it');
  });
});
