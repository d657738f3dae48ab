import { describe, expect, it } from 'vitest';
import type { IntentId, StructureId } from '#model/ids';
import type { BotStructureView } from '../contract/context.ts';
import { structureOf } from './structure-of.ts';

const view = (structureId: string, intentId: string): BotStructureView => ({ structureId: structureId as StructureId, intentId: intentId as IntentId, kind: 'straddle', status: 'open', legs: [], tsInit: 0 });

describe('structureOf', () => {
  it('finds what find finds, the first of a repeated intent, in each new list the bot is given', () => {
    const list = [view('s1', 'i1'), view('s2', 'i2'), view('s3', 'i2')];
    expect(structureOf(list, 'i2')).toBe(list[1]);
    expect(structureOf(list, 'i1')).toBe(list[0]);
    expect(structureOf(list, 'i9')).toBeUndefined();
    const next = [...list, view('s4', 'i9')];
    expect(structureOf(next, 'i9')).toBe(next[3]);
    expect(structureOf(list, 'i9')).toBeUndefined();
  });
});
