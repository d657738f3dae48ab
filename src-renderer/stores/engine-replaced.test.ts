import { describe, expect, it } from 'vitest';
import type { SessionDto } from '#contract/dto';
import { engineModeChanged } from './engine-replaced.ts';

const session = (mode: SessionDto['mode']) => ({ mode }) as SessionDto;

describe('engineModeChanged', () => {
  it('is true only when a page that showed one mode hears another', () => {
    expect(engineModeChanged(undefined, session('paper'))).toBe(false);
    expect(engineModeChanged(session('simulation'), session('simulation'))).toBe(false);
    expect(engineModeChanged(session('simulation'), session('paper'))).toBe(true);
    expect(engineModeChanged(session('paper'), session('simulation'))).toBe(true);
  });
});
