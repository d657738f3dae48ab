import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, exportAuditCsv } from './audit-csv.ts';

/** A strict RFC 4180 reader, to prove the writer's output reads back field for field. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  return records;
}

describe('audit CSV (RFC 4180)', () => {
  it('quotes only fields that need it, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
    expect(csvRecord(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('reads back field for field, whatever the payload holds', () => {
    const awkward = ['{"k":"v, w"}', 'line1\r\nline2', '"', '""', ',', 'ünïcode ₹', '=SUM(A1)'];
    let out = '';
    const n = exportAuditCsv(
      awkward.map((payload, seq) => ({ seq: seq + 1, ts: 1_764_563_400_000 + seq, kind: 'config-change', actor: 'trader', payload })),
      (c) => (out += c),
    );
    expect(n).toBe(awkward.length);
    const parsed = parseCsv(out);
    expect(parsed[0]).toEqual(['seq', 'ts_ms', 'time_ist', 'kind', 'actor', 'subject', 'payload']);
    expect(parsed.slice(1).map((r) => r[6])).toEqual(awkward);
    expect(parsed.slice(1).every((r) => r.length === 7)).toBe(true);
    expect(parsed[1]!.slice(0, 6)).toEqual(['1', '1764563400000', '2025-12-01T10:00:00.000+05:30', 'config-change', 'trader', '']);
  });
});
