import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron's Notification: the runtime cannot run here (see main.smoke.test.ts). */
const shown: { title: string; body: string; urgency: string; silent: boolean }[] = [];
let supported = true;
vi.mock('electron', () => ({
  Notification: class {
    static isSupported = () => supported;
    private readonly options: { title: string; body: string; urgency: string; silent: boolean };
    constructor(options: { title: string; body: string; urgency: string; silent: boolean }) {
      this.options = options;
    }
    show() {
      shown.push(this.options);
    }
  },
}));

const { desktopSink } = await import('./notifications.ts');

beforeEach(() => {
  shown.length = 0;
  supported = true;
});

describe('desktop notifications (stand-in Electron)', () => {
  it('shows a problem as critical with sound and news quietly', async () => {
    const sink = desktopSink();
    expect(await sink.send({ kind: 'risk', title: 'Trading halted', body: 'by the kill switch', urgent: true, tsEvent: 0 })).toEqual({ ok: true, value: undefined });
    await sink.send({ kind: 'fill', title: 'Filled', body: 'bot x', urgent: false, tsEvent: 0 });
    expect(shown).toEqual([
      { title: 'Trading halted', body: 'by the kill switch', urgency: 'critical', silent: false },
      { title: 'Filled', body: 'bot x', urgency: 'normal', silent: true },
    ]);
  });

  it('says so where the desktop has no notification service', async () => {
    supported = false;
    expect(await desktopSink().send({ kind: 'fill', title: 't', body: 'b', urgent: false, tsEvent: 0 })).toEqual({ ok: false, error: { kind: 'unavailable', message: 'this desktop has no notification service' } });
    expect(shown).toEqual([]);
  });
});
