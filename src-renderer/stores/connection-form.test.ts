import { describe, expect, it } from 'vitest';
import { changesOf, checkConnectionForm, describeSave } from './connection-form.ts';

const saved = { baseUrl: 'http://127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:8765', hasApiKey: true, keyStorage: 'file readable only by you (/d/openalgo-api-key)' };

describe('the connection form before anything is sent', () => {
  it('refuses an empty host instead of saving nothing and saying "Saved."', () => {
    expect(checkConnectionForm({ baseUrl: '  ', wsUrl: saved.wsUrl, apiKey: '' })).toEqual({ ok: false, field: 'baseUrl', message: 'Enter the OpenAlgo host URL, e.g. http://127.0.0.1:5000.' });
  });
  it('refuses malformed URLs and keys with a sentence, never a wire name', () => {
    const ws = checkConnectionForm({ baseUrl: saved.baseUrl, wsUrl: 'http://127.0.0.1:8765', apiKey: '' });
    expect(ws).toEqual({ ok: false, field: 'wsUrl', message: 'The WebSocket URL must start with ws:// or wss://, e.g. ws://127.0.0.1:8765.' });
    const host = checkConnectionForm({ baseUrl: '127.0.0.1:5000', wsUrl: saved.wsUrl, apiKey: '' });
    expect(host.ok).toBe(false);
    expect(checkConnectionForm({ baseUrl: saved.baseUrl, wsUrl: saved.wsUrl, apiKey: 'ab cd' })).toMatchObject({ ok: false, field: 'apiKey' });
  });
  it('saves only what changed, and says so grammatically', () => {
    expect(changesOf({ baseUrl: saved.baseUrl, wsUrl: saved.wsUrl }, saved)).toBeUndefined();
    expect(changesOf({ baseUrl: 'http://10.0.0.2:5000', wsUrl: saved.wsUrl, apiKey: 'k-123456789' }, saved)).toEqual({ baseUrl: 'http://10.0.0.2:5000', apiKey: 'k-123456789' });
    expect(describeSave({ wsUrl: 'ws://x:1' }, saved)).toBe('Saved the WebSocket URL.');
    expect(describeSave({ baseUrl: 'h', wsUrl: 'w', apiKey: 'k' }, saved)).toBe('Saved the host URL, the WebSocket URL and the API key. The key is kept in a file readable only by you (/d/openalgo-api-key).');
    expect(describeSave({ apiKey: 'k' }, { ...saved, keyStorage: 'encrypted with your OS keychain' })).toBe('Saved the API key. The key is kept encrypted with your OS keychain.');
  });
});
