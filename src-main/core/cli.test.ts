import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressLine, userPath } from './cli.ts';
import { expectOneLine, runCli, shellEnv } from './cli-test-support.ts';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('userPath', () => {
  const project = '/home/u/terminal';
  const npm = { INIT_CWD: '/home/u/exports', npm_package_json: `${project}/package.json` };

  it('resolves against the folder npm was run in when npm started the script in the project', () => {
    expect(userPath('nifty.csv', npm, project)).toBe('/home/u/exports/nifty.csv');
    expect(userPath('../data', npm, project)).toBe('/home/u/data');
  });

  it('resolves against the working folder otherwise (run directly, or an inherited INIT_CWD)', () => {
    expect(userPath('nifty.csv', {}, '/somewhere')).toBe('/somewhere/nifty.csv');
    expect(userPath('nifty.csv', npm, '/somewhere')).toBe('/somewhere/nifty.csv');
  });

  it('keeps absolute paths and expands ~/', () => {
    expect(userPath('/abs/x.csv', npm, project)).toBe('/abs/x.csv');
    expect(userPath('~/terminal-data', npm, project)).toBe(path.join(os.homedir(), 'terminal-data'));
  });
});

describe('progressLine', () => {
  const fakeStream = (isTTY: boolean) => {
    let text = '';
    return { stream: { isTTY, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream, text: () => text };
  };

  it('writes whole lines when the output is not a terminal', () => {
    const out = fakeStream(false);
    const p = progressLine(out.stream);
    p.show('1/3');
    p.show('2/3');
    p.end();
    expect(out.text()).toBe('1/3\n2/3\n');
  });

  it('rewrites one line on a terminal and ends it with a newline', () => {
    const out = fakeStream(true);
    const p = progressLine(out.stream);
    p.show('1/3');
    p.show('2/3');
    p.end();
    expect(out.text()).toBe('\r1/3\x1b[K\r2/3\x1b[K\n');
  });
});

describe('uncaught errors in an entry point', () => {
  let entries = 0;
  const entry = (body: string): string => {
    const file = path.join(tmp, `entry-${++entries}.ts`);
    fs.writeFileSync(
      file,
      `import { startCli } from ${JSON.stringify(path.join(import.meta.dirname, 'cli.ts'))};
import { createLogger } from ${JSON.stringify(path.join(import.meta.dirname, 'log.ts'))};
import { openLogDestination } from ${JSON.stringify(path.join(import.meta.dirname, 'log-file.ts'))};
const cli = startCli({ name: 'demo', invocation: 'npm run demo --', help: 'usage', options: {} });
${body}`,
    );
    return file;
  };

  it('become one line naming a crash file that holds the stack, exit 1', async () => {
    const r = await runCli(entry(`await Promise.reject(new Error('disk\\nexploded'));`), [], { env: shellEnv({ TMPDIR: tmp }) });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^demo: unexpected error: disk exploded — the details are in (\S+crash\.log); please report it with them$/);
    const crashFile = /the details are in (\S+);/.exec(r.stderr)![1]!;
    expect(crashFile.startsWith(tmp)).toBe(true);
    expect(fs.readFileSync(crashFile, 'utf8')).toMatch(/Error: disk\nexploded\n\s+at /);
    expect(fs.statSync(crashFile).mode & 0o777).toBe(0o600);
  });

  it('go to the log once there is one, with the stack on stderr only when asked', async () => {
    const log = path.join(tmp, 'logs', 'demo.log');
    const body = (showStack: boolean) => `const d = openLogDestination(${JSON.stringify(log)});
if (!d.ok) throw new Error('log');
cli.logCrashesTo(createLogger({ destination: d.value }), ${JSON.stringify(log)}, ${showStack});
setTimeout(() => { throw new TypeError('late failure'); }, 1);`;
    const quiet = await runCli(entry(body(false)), []);
    expect(quiet.code).toBe(1);
    expectOneLine(quiet.stderr, new RegExp(`^demo: unexpected error: late failure — the details are in ${log};`));
    const line = JSON.parse(fs.readFileSync(log, 'utf8').trim().split('\n').at(-1)!) as { level: number; err: { stack: string } };
    expect(line.level).toBe(60);
    expect(line.err.stack).toMatch(/TypeError: late failure\n\s+at /);
    const verbose = await runCli(entry(body(true)), []);
    expect(verbose.stderr).toMatch(/^demo: unexpected error: late failure — .*\nTypeError: late failure\n\s+at /);
  });

  it('one the entry point recognises says what it means and how to fix it; any other is still unexpected', async () => {
    const body = (message: string) => `cli.explainCrashes((e) => (e.message === 'locked' ? { what: 'the database refused a write', fix: 'close the other program' } : undefined));
setTimeout(() => { throw new Error(${JSON.stringify(message)}); }, 1);`;
    const known = await runCli(entry(body('locked')), [], { env: shellEnv({ TMPDIR: tmp }) });
    expect(known.code).toBe(1);
    expectOneLine(known.stderr, /^demo: the database refused a write — close the other program \(the details are in \S+crash\.log\)$/);
    const other = await runCli(entry(body('boom')), [], { env: shellEnv({ TMPDIR: tmp }) });
    expectOneLine(other.stderr, /^demo: unexpected error: boom — the details are in \S+; please report it with them$/);
  });
});
