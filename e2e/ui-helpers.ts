import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SIM } from '../playwright.config.ts';

/**
 * What the trader would call "cut" or "off screen", measured in the page: the page scrolling sideways, an
 * element sticking out of the window or out of a panel that clips it, and text cut short (its content wider
 * than its box). Elements inside a vertical scroll area may sit below its fold; the chart's own canvas
 * layout is lightweight-charts' business and is checked only for its outer edge.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const name = (el: Element) => (el as HTMLElement).dataset['testid'] ?? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > vw) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    const visible = (el: Element) => {
      if (el.closest('[hidden]')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const inside = (el: Element) => !el.closest('.chart') || el.classList.contains('chart');
    const scroller = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowY === 'auto' || s.overflowY === 'scroll') return p;
      }
      return null;
    };
    // A sideways scroller on the way (a wide table in a narrow panel) shows the rest on a scroll: not cut.
    const clipper = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === 'hidden' || s.overflowX === 'clip') return p;
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') return null;
      }
      return null;
    };
    const selector = 'button, input, select, label, td, th, .badge, .status, .clock, [data-testid]';
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el) || !inside(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.right > vw + 0.5) problems.push(`${name(el)} sticks out of the window sideways`);
      const scroll = scroller(el);
      if (!scroll && r.bottom > vh + 0.5) problems.push(`${name(el)} is below the window`);
      const clip = clipper(el);
      if (clip && clip !== scroll) {
        const c = clip.getBoundingClientRect();
        if (r.right > c.right + 0.5 || r.left < c.left - 0.5) problems.push(`${name(el)} is cut by ${name(clip)}`);
        if (!scroll && (r.bottom > c.bottom + 0.5 || r.top < c.top - 0.5)) problems.push(`${name(el)} is cut below ${name(clip)}`);
      }
      if (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`${name(el)}: its text is cut (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return [...new Set(problems)];
  });
}

/** A headless terminal of the test's own (a server the test may stop and start again), with its own data folder. */
export interface OwnTerminal {
  readonly origin: string;
  readonly url: string;
  readonly dataDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** The shared server's simulated morning (playwright.config.ts): a Wednesday, no index expiring, the whole session ahead. */
const SIM_MORNING_MS = Date.parse('2026-11-25T09:45:00+05:30');
const IST_OFFSET_MS = 330 * 60_000;

/**
 * `--sim-start` for a start of a test's own terminal: the pinned morning plus as much simulated time as has passed
 * since the terminal was made, so the result never hangs on the hour CI runs at (a run at 15:20 IST would
 * otherwise start ten simulated minutes before the close, or after an expiry day's entry cut-off), and a restart
 * on the same data folder never goes back in time.
 */
function simStart(created: number, speed: number): string {
  const ms = SIM_MORNING_MS + Math.ceil(((Date.now() - created) * speed) / 60_000) * 60_000;
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 16);
}

export function ownTerminal(port: number, token: string, setup?: (dataDir: string) => void, speed = 30): OwnTerminal {
  const created = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terminal-e2e-own-'));
  setup?.(dataDir);
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const up = () => fetch(`${origin}/api/status`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.ok, () => false);
  const terminal: OwnTerminal = {
    origin,
    url: `${origin}/?token=${token}`,
    dataDir,
    async start() {
      const c = spawn(process.execPath, ['src-main/server/main.ts', '--port', String(port), '--data-dir', dataDir, '--speed', String(speed), '--sim-start', simStart(created, speed)], {
        env: { ...process.env, TERMINAL_SERVER_TOKEN: token },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = c;
      let stderr = '';
      c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      for (let i = 0; i < 200; i++) {
        if (c.exitCode !== null) throw new Error(`the terminal on port ${port} exited: ${stderr.trim()}`);
        if (await up()) return;
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`the terminal on port ${port} did not start`);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await terminal.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return terminal;
}

/** A terminal of the test's own in paper or live mode on the shared OpenAlgo simulator, the simulator's key saved. */
export function ownSimTerminal(port: number, token: string, mode: 'paper' | 'live'): OwnTerminal {
  return ownTerminal(port, token, (dir) => {
    const config = {
      version: 1,
      mode,
      simulation: { seed: 1, speed: 1, warmupSessions: 0 },
      openalgo: { baseUrl: `http://127.0.0.1:${SIM.port}`, wsUrl: `ws://127.0.0.1:${SIM.wsPort}`, timeoutMs: 5000 },
      server: { host: '127.0.0.1', port },
      ui: { chartInstrument: 'NSE_INDEX:NIFTY' },
      log: { level: 'info' },
    };
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, 'openalgo-api-key'), `${SIM.apiKey}\n`, { mode: 0o600 });
  });
}

/** Sends one command over a fresh bridge socket from the page (the page's cookie carries the token). */
export async function bridgeInvoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    ([ch, inp]) =>
      new Promise<unknown>((resolve) => {
        const ws = new WebSocket(`ws://${window.location.host}/bridge`);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: ch, input: inp }));
        ws.onmessage = (e) => {
          resolve((JSON.parse(e.data as string) as { result: unknown }).result);
          ws.close();
        };
      }),
    [channel, input] as const,
  );
}

/** The first snapshot of a stream over a fresh bridge socket. */
export async function bridgeSnapshot(page: Page, stream: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    ([st, par]) =>
      new Promise<unknown>((resolve) => {
        const ws = new WebSocket(`ws://${window.location.host}/bridge`);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', id: 1, stream: st, params: par }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(e.data as string) as { type: string; data?: unknown; error?: unknown };
          if (msg.type === 'snapshot' || msg.type === 'stream-error') {
            resolve(msg.data ?? msg.error);
            ws.close();
          }
        };
      }),
    [stream, params] as const,
  );
}
