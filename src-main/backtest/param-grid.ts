import { err, ok, type Result } from '#core/result';
import { isSearchable, minutesOf, type ParamSpec } from '#bots/contract/params';

export type ParamValue = number | string | boolean;
export type ParamGrid = Readonly<Record<string, readonly ParamValue[]>>;

/**
 * The default grid when the caller names none: the bot's first two numeric parameters, each at its
 * default and two steps either side (kept inside its range): at most 25 sets.
 */
export function defaultGrid(specs: readonly ParamSpec[]): ParamGrid {
  const grid: Record<string, ParamValue[]> = {};
  for (const { key, meta } of specs) {
    if (meta.kind !== 'number') continue;
    const values = [-2, -1, 0, 1, 2].map((k) => round(meta.default + k * meta.step)).filter((v) => v >= meta.min && v <= meta.max);
    grid[key] = [...new Set(values)];
    if (Object.keys(grid).length === 2) break;
  }
  return grid;
}

/** Every combination, the first parameter varying slowest; the order is the tie-break of the search. */
export function gridPoints(grid: ParamGrid): Record<string, ParamValue>[] {
  let points: Record<string, ParamValue>[] = [{}];
  for (const [key, values] of Object.entries(grid)) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points;
}

/**
 * `key=a,b,c` as the CLI takes it, each value read as the parameter's kind and checked against its range.
 */
export function parseGridArg(specs: readonly ParamSpec[], arg: string): Result<[string, ParamValue[]], string> {
  const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(arg.trim());
  if (!m) return err(`a grid entry is name=v1,v2,…, got "${arg}"`);
  const [, key, list] = m as unknown as [string, string, string];
  const spec = specs.find((s) => s.key === key);
  if (!spec) return err(`no parameter "${key}"; the bot has ${specs.map((s) => s.key).join(', ')}`);
  if (!isSearchable(spec.meta)) return err(`"${key}" cannot be searched (it is a ${spec.meta.kind})`);
  const values: ParamValue[] = [];
  for (const raw of list.split(',').map((s) => s.trim())) {
    const meta = spec.meta;
    if (meta.kind === 'number') {
      const v = Number(raw);
      if (!Number.isFinite(v) || v < meta.min || v > meta.max || (meta.integer && !Number.isInteger(v))) return err(`${key}=${raw}: must be ${meta.integer ? 'a whole number' : 'a number'} in [${meta.min}, ${meta.max}]`);
      values.push(v);
    } else if (meta.kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return err(`${key}=${raw}: must be true or false`);
      values.push(raw === 'true');
    } else if (meta.kind === 'choice') {
      if (!meta.options.includes(raw)) return err(`${key}=${raw}: must be one of ${meta.options.join(', ')}`);
      values.push(raw);
    } else if (meta.kind === 'time') {
      if (!/^\d{2}:\d{2}$/.test(raw) || minutesOf(raw) < minutesOf(meta.min) || minutesOf(raw) > minutesOf(meta.max)) return err(`${key}=${raw}: must be HH:MM between ${meta.min} and ${meta.max}`);
      values.push(raw);
    }
  }
  return ok([key, [...new Set(values)]]);
}

function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
