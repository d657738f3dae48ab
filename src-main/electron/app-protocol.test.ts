import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_RESPONSE_HEADERS, RENDERER_CSP, appProtocolHandler, resolveAppUrl } from './app-protocol.ts';

const posixRoot = '/opt/app/out/renderer';
const winRoot = 'C:\\Program Files\\Terminal\\resources\\renderer';

function inside(root: string, file: string, windows: boolean): boolean {
  const p = windows ? path.win32 : path.posix;
  const rel = p.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

describe('app:// resolver', () => {
  it.each([
    ['app://renderer/index.html', '/opt/app/out/renderer/index.html'],
    ['app://renderer/', '/opt/app/out/renderer/index.html'],
    ['app://renderer', '/opt/app/out/renderer/index.html'],
    ['app://renderer/assets/index-B1x_9-z.js', '/opt/app/out/renderer/assets/index-B1x_9-z.js'],
    ['app://renderer/favicon.svg?v=2#top', '/opt/app/out/renderer/favicon.svg'],
    // URL parsing removes dot segments (plain or %2e-encoded) before we see the path: they stay inside.
    ['app://renderer/../main/index.js', '/opt/app/out/renderer/main/index.js'],
    ['app://renderer/%2e%2e/%2E%2E/etc/passwd', '/opt/app/out/renderer/etc/passwd'],
  ])('serves %s as %s', (url, file) => {
    expect(resolveAppUrl(posixRoot, url, { windows: false })).toBe(file);
  });

  it('serves Windows paths inside a Windows root', () => {
    expect(resolveAppUrl(winRoot, 'app://renderer/assets/a.js', { windows: true })).toBe(`${winRoot}\\assets\\a.js`);
  });

  const attacks = [
    'app://renderer/%252e%252e/%252e%252e/etc/passwd',
    'app://renderer/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    'app://renderer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://renderer/..%2f..%2fetc%2fpasswd',
    'app://renderer/assets/..%2f..%2f..%2fmain%2findex.js',
    'app://renderer/%5c..%5c..%5csecret',
    'app://renderer/..%5c..%5cWindows%5cwin.ini',
    'app://renderer/a\\..\\..\\b',
    'app://renderer/a%00.html',
    'app://renderer/index.html%00.js',
    'app://renderer//etc/passwd',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/C:%5cWindows%5cwin.ini',
    'app://renderer/%5c%5cserver%5cshare%5cx',
    'app://renderer/index.html::$DATA',
    'app://renderer/%c0%ae%c0%ae/etc/passwd',
    'app://renderer/%ef%bc%8e%ef%bc%8e/etc/passwd',
    'app://renderer/.env',
    'app://renderer/assets/',
    'app://renderer/index.html%3f.js',
    'app://renderer/index.html%23.js',
    'app://user:pass@renderer/index.html',
    'app://renderer:8080/index.html',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ];

  it.each(attacks)('refuses %s on POSIX and on Windows', (url) => {
    expect(resolveAppUrl(posixRoot, url, { windows: false })).toBeUndefined();
    expect(resolveAppUrl(winRoot, url, { windows: true })).toBeUndefined();
  });

  it('never resolves outside the root, whatever mix of dots, encodings and separators (fuzzed)', () => {
    const tokens = ['..', '.', '%2e', '%2E', '%252e', '%25252e', '%2f', '%252f', '%5c', '%255c', '/', '\\', '%00', 'a', 'index.html', '%25', 'C:', '%3a', '~', '%c0%ae'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let tail = '';
      const len = 1 + next(8);
      for (let j = 0; j < len; j++) tail += tokens[next(tokens.length)];
      const url = `app://renderer/${tail}`;
      for (const windows of [false, true]) {
        const root = windows ? winRoot : posixRoot;
        const file = resolveAppUrl(root, url, { windows });
        if (file !== undefined) expect(inside(root, file, windows), `${url} -> ${file}`).toBe(true);
      }
    }
  });
});

describe('app:// handler', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  // A file at the literal path renderer/%2e%2e/secret.txt: the old guard let app://renderer/%252e%252e/
  // secret.txt through to it, and the old handler spliced that path into `file://${file}`, where
  // "%2e%2e" reads as "..": it served the secret.txt above the renderer folder.
  fs.mkdirSync(path.join(root, '%2e%2e'));
  fs.writeFileSync(path.join(root, '%2e%2e', 'secret.txt'), 'decoy');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fetched: string[] = [];
  const handler = appProtocolHandler({
    rootDir: root,
    isFile: (f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? false,
    fetchFile: (u) => {
      fetched.push(u);
      return Promise.resolve(new Response(fs.readFileSync(fileURLToPath(u)), { headers: { 'Content-Type': 'text/html' } }));
    },
  });

  it('serves a file through a file: URL that names exactly the checked path, with CSP and nosniff', async () => {
    const res = await handler(new Request('app://renderer/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html>');
    expect(fileURLToPath(fetched.at(-1)!)).toBe(path.join(root, 'index.html'));
    expect(res.headers.get('Content-Security-Policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Type')).toBe('text/html');
  });

  it.each(['app://renderer/%252e%252e/secret.txt', 'app://renderer/..%2fsecret.txt', 'app://renderer/missing.js', 'app://renderer/assets'])(
    'answers 404 with the security headers for %s and reads nothing',
    async (url) => {
      const before = fetched.length;
      const res = await handler(new Request(url));
      expect(res.status).toBe(404);
      expect(fetched.length).toBe(before);
      for (const [k, v] of Object.entries(APP_RESPONSE_HEADERS)) expect(res.headers.get(k)).toBe(v);
    },
  );

  it('refuses anything but GET and HEAD', async () => {
    expect((await handler(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('Content-Security-Policy', () => {
  it('is the same policy as the page meta tag', () => {
    const html = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP);
  });

  it('allows only the app itself: no remote script, object or base', () => {
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("script-src 'self';");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("base-uri 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
