import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, type CliRun } from '#core/cli-test-support';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { restRoutes, type RouteName } from '#contract/rest-api';
import { modelsPlan } from './ctl-models.ts';

/** `npm run ctl -- models …` against a real headless terminal in simulation with the shipped models. */
const TOKEN = 'ctl-models-token-0123456789abcdef0123';
const SHIPPED = path.resolve(import.meta.dirname, '../../resources/models');
let terminal: HeadlessTerminal;
let dir: string;

beforeAll(async () => {
  terminal = await startHeadlessTerminal({ name: 'ctl-models', token: TOKEN, speed: 60, dataSubdir: 'data' });
  dir = terminal.dir;
}, 120_000);

afterAll(async () => {
  await terminal?.stop();
});

const ctl = (args: readonly string[]): Promise<CliRun> => terminal.ctl(args);

async function json(route: RouteName, args: readonly string[]): Promise<unknown> {
  const r = await ctl([...args, '--json']);
  expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
  const parsed = restRoutes[route].response.safeParse(JSON.parse(r.stdout));
  expect(parsed.success, `${args.join(' ')}: ${parsed.error?.message ?? ''}`).toBe(true);
  return parsed.data;
}

describe('npm run ctl -- models', () => {
  it('lists, imports (refusing a mismatched file), compares, promotes, rolls back and retrains through the API', async () => {
    const listed = (await json('models', ['models'])) as { slots: { modelId?: string }[] };
    expect(listed.slots.map((s) => s.modelId)).toEqual(['rsi-lstm@1', 'pattern-cnn@1', 'break-validator@1', 'regime@1']);
    const table = await ctl(['models']);
    expect(table.stdout).toMatch(/regime@1 .*in force/);

    fs.copyFileSync(path.join(SHIPPED, 'regime.onnx'), path.join(dir, 'mine.onnx'));
    fs.copyFileSync(path.join(SHIPPED, 'regime.json'), path.join(dir, 'mine.json'));
    fs.copyFileSync(path.join(SHIPPED, 'pattern-cnn.onnx'), path.join(dir, 'wrong.onnx'));
    fs.copyFileSync(path.join(SHIPPED, 'pattern-cnn.json'), path.join(dir, 'wrong.json'));
    const wrong = await ctl(['models', 'import', path.join(dir, 'wrong.onnx'), '--kind', 'regime']);
    expect(wrong.code).toBe(1);
    expectOneLine(wrong.stderr, /^ctl: wrong\.onnx refused: .*pattern-cnn.*regime/);
    expect(await json('modelImport', ['models', 'import', path.join(dir, 'mine.onnx'), '--kind', 'regime'])).toMatchObject({ modelId: 'regime@2', active: false });
    expect(await json('modelCompare', ['models', 'compare', 'regime@1', 'regime@2'])).toMatchObject({ sameTestWindow: true });
    expect(await json('modelPromote', ['models', 'promote', 'regime@2'])).toMatchObject({ slots: expect.arrayContaining([expect.objectContaining({ kind: 'regime', modelId: 'regime@2' })]) });
    expect(await json('modelRollback', ['models', 'rollback', 'regime'])).toMatchObject({ slots: expect.arrayContaining([expect.objectContaining({ kind: 'regime', modelId: 'regime@1' })]) });

    // A few minutes of bars the terminal recorded give no model its warm-up: the retraining ends failed and says
    // why; --wait makes that exit 1.
    const retrain = await ctl(['models', 'retrain', '--instrument', 'NSE_INDEX:NIFTY', '--wait']);
    expect(retrain.code).toBe(1);
    expect(retrain.stdout).toMatch(/state\s+│ failed/);
    expectOneLine(retrain.stderr, /^ctl: retrain-1 failed: (no bars stored for NSE_INDEX:NIFTY|no model trained: .*warm-up)/);
    const cancel = await ctl(['models', 'cancel']);
    expect(cancel.code).toBe(1);
    expectOneLine(cancel.stderr, /^ctl: no retraining is running/);
  }, 120_000);

  it('names a bad model command before asking the terminal', () => {
    const what = (words: string[], v = {}) => {
      const p = modelsPlan(words, v);
      return p.kind === 'usage' ? p.what : p.route;
    };
    expect(what([])).toBe('models');
    expect(what(['promote', 'regime-2'])).toBe('regime-2 is not a model id');
    expect(what(['rollback', 'lstm'])).toBe('lstm is not a model kind');
    expect(what(['import', 'x.onnx'])).toBe('models import needs --kind');
    expect(what(['retrain'], { from: '2025-02-01', to: '2025-01-01' })).toBe('--to: "from" must not be after "to"');
    expect(what(['retrain'], { instrument: 'nifty' })).toMatch(/^--instrument: /);
    expect(what(['retrain'], { wait: true })).toBe('modelRetrain');
    expect(what(['frobnicate'])).toBe('models frobnicate is not a models command');
  });
});
