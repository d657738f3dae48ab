import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults.ts';
import { DEFAULT_NOTIFICATIONS, notificationsSchema } from './notify-schema.ts';
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
});
