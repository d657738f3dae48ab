import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditRepository } from './audit-repository.ts';
import { openStore, type Store } from './database.ts';

describe('the audit log', () => {
  let store: Store | undefined;
  let dir = '';
  afterEach(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the entries of one kind in write order, with their subject', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
    const opened = openStore(path.join(dir, 'terminal.sqlite'), 1_000);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const audit = new AuditRepository(store.sqlite);
    audit.append({ ts: 30, kind: 'bot:fault', actor: 'engine', subject: 'iron-condor', payload: '{"message":"b"}' });
    audit.append({ ts: 10, kind: 'bot:start', actor: 'trader', subject: 'iron-condor', payload: '{}' });
    audit.append({ ts: 20, kind: 'bot:fault', actor: 'engine', payload: '{"message":"c"}' });
    expect(audit.ofKind('bot:fault').map((e) => [e.ts, e.subject, e.payload])).toEqual([
      [30, 'iron-condor', '{"message":"b"}'],
      [20, undefined, '{"message":"c"}'],
    ]);
    expect(audit.ofKind('nothing')).toEqual([]);
  });
});
