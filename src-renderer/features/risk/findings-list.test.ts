import { describe, expect, it } from 'vitest';
import type { FindingDto } from '#contract/trading-dto';
import { applyFinding } from './findings-list.ts';

const f = (id: string, severity: FindingDto['severity'], ts: number, status: FindingDto['status'] = 'open'): FindingDto => ({
  findingId: id,
  source: 'reconciliation',
  kind: 'unowned-position',
  severity,
  subject: 'NFO:X|NRML',
  message: 'm',
  blocking: false,
  status,
  tsRaised: ts,
});

describe('open findings list', () => {
  it('shows critical findings first, oldest first within a severity, and drops a resolved one', () => {
    let list = [f('a', 'warning', 1), f('b', 'critical', 3), f('c', 'critical', 2)].reduce<FindingDto[]>(applyFinding, []);
    expect(list.map((x) => x.findingId)).toEqual(['c', 'b', 'a']);
    list = applyFinding(list, f('c', 'critical', 2, 'resolved'));
    expect(list.map((x) => x.findingId)).toEqual(['b', 'a']);
    list = applyFinding(list, { ...f('a', 'warning', 1), message: 'updated' });
    expect(list.find((x) => x.findingId === 'a')!.message).toBe('updated');
  });
});
