import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults.ts';
import { applyNotificationsPatch, DEFAULT_NOTIFICATIONS, notificationsSchema } from './notify-schema.ts';
import { configSchema } from './schema.ts';

describe('notifications in config.json', () => {
  it('defaults a file written before the section existed', () => {
    const { notifications: _, ...before } = DEFAULT_CONFIG;
    expect(configSchema.parse(before).notifications).toEqual(DEFAULT_NOTIFICATIONS);
  });

  it('fills what a partial section leaves out', () => {
    const parsed = notificationsSchema.parse({ telegram: { enabled: true, chatId: '-1001234567890' }, rules: { fill: { enabled: false } } });
    expect(parsed.desktop).toBe(true);
    expect(parsed.telegram).toEqual({ enabled: true, chatId: '-1001234567890', timeoutMs: 10_000 });
    expect(parsed.rules.fill).toEqual({ enabled: false, burst: 5, perMinute: 6 });
    expect(parsed.rules.risk).toEqual(DEFAULT_NOTIFICATIONS.rules.risk);
  });

  it('names the field that is wrong', () => {
    const issues = (v: unknown) => notificationsSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ telegram: { enabled: true } })).toEqual(['telegram.chatId: telegram.chatId is required when Telegram is enabled']);
    expect(issues({ telegram: { chatId: 'my chat' } })?.[0]).toMatch(/^telegram\.chatId: must be a numeric chat id/);
    expect(issues({ rules: { fill: { burst: 0 } } })?.[0]).toMatch(/^rules\.fill\.burst: /);
    expect(issues({ rules: { trades: {} } })?.[0]).toMatch(/^rules: .*trades/);
    expect(issues({ telegram: { token: '123:abc' } })?.[0]).toMatch(/^telegram: .*token/);
  });

  it('takes a Bot API address over https, or http on this machine only', () => {
    const url = (apiUrl: string) => notificationsSchema.safeParse({ telegram: { apiUrl } }).success;
    expect([url('https://api.telegram.org'), url('http://127.0.0.1:8081'), url('http://localhost:8081/'), url('http://api.example.com'), url('http://127.0.0.1.evil.example')]).toEqual([true, true, true, false, false]);
  });

  it('applies a change over the saved section: nested fields merge, null removes the chat, a bad value is named', () => {
    const saved = notificationsSchema.parse({ telegram: { chatId: '42' } });
    const on = applyNotificationsPatch(saved, { telegram: { enabled: true }, rules: { fill: { burst: 2 } } });
    expect(on.ok && [on.value.telegram, on.value.rules.fill]).toEqual([{ enabled: true, chatId: '42', timeoutMs: 10_000 }, { enabled: true, burst: 2, perMinute: 6 }]);
    const cleared = applyNotificationsPatch(saved, { telegram: { chatId: null } });
    expect(cleared.ok && cleared.value.telegram.chatId).toBeUndefined();
    expect(applyNotificationsPatch(saved, { rules: { risk: { perMinute: 0 } } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^notifications\.rules\.risk\.perMinute: /) } });
    expect(applyNotificationsPatch(saved, {})).toMatchObject({ ok: false, error: { message: 'nothing to change: the notifications are as saved' } });
  });
});
