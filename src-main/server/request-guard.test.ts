import { describe, expect, it } from 'vitest';
import { hostAllowed, isLoopbackBind, originAllowed } from './request-guard.ts';

describe('bind addresses', () => {
  it('only loopback addresses count as loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackBind(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'fe80::1', 'terminal.lan', '127.0.0.1.nip.io', 'localhost.evil.example']) expect(isLoopbackBind(h)).toBe(false);
  });
});

describe('Host and Origin', () => {
  it('a specific bind address may be used as the Host; a wildcard bind adds nothing', () => {
    expect(hostAllowed('192.168.1.5:7300', { port: 7300, bindHost: '192.168.1.5' })).toBe(true);
    expect(hostAllowed('[fe80::1]:7300', { port: 7300, bindHost: 'fe80::1' })).toBe(true);
    expect(hostAllowed('0.0.0.0:7300', { port: 7300, bindHost: '0.0.0.0' })).toBe(false);
    expect(hostAllowed('192.168.1.5:7300', { port: 7300, bindHost: '0.0.0.0' })).toBe(false);
    expect(hostAllowed('192.168.1.5:7300', { port: 7300, bindHost: '0.0.0.0', allowedHost: '192.168.1.5' })).toBe(true);
  });

  it('port 80 may be left out of Host, as browsers do', () => {
    expect(hostAllowed('127.0.0.1', { port: 80, bindHost: '127.0.0.1' })).toBe(true);
    expect(hostAllowed('127.0.0.1:80', { port: 80, bindHost: '127.0.0.1' })).toBe(true);
    expect(hostAllowed('127.0.0.1', { port: 7300, bindHost: '127.0.0.1' })).toBe(false);
  });

  it('Origin must be this very host and port over http', () => {
    const policy = { port: 7300, bindHost: '127.0.0.1' };
    expect(originAllowed(undefined, '127.0.0.1:7300', policy)).toBe(true);
    expect(originAllowed('http://127.0.0.1:7300', '127.0.0.1:7300', policy)).toBe(true);
    expect(originAllowed('http://[::1]:7300', '[::1]:7300', policy)).toBe(true);
    expect(originAllowed('http://evil.example:7300', 'evil.example:7300', policy)).toBe(false);
    expect(originAllowed('http://127.0.0.1:7300/', '127.0.0.1:7300', policy)).toBe(true);
    expect(originAllowed('http://user@127.0.0.1:7300', '127.0.0.1:7300', policy)).toBe(false);
    expect(originAllowed('null', '127.0.0.1:7300', policy)).toBe(false);
  });
});
