import { describe, expect, it } from 'vitest';
import type { NotifySettingsDto } from '#contract/notify-dto';
import { notifyDraftOf, notifyErrors, notifyPatch } from './notify-form.ts';

const rule = { enabled: true, burst: 5, perMinute: 6 };
const SAVED: NotifySettingsDto = {
  desktop: true,
  desktopAvailable: false,
  telegram: { enabled: false, timeoutMs: 10_000, token: 'not-set' },
  rules: { fill: rule, rejection: rule, risk: rule, feed: rule, summary: rule },
  active: { sinks: [] },
};

describe('the notifications form', () => {
  it('sends only what changed', () => {
    const draft = notifyDraftOf(SAVED);
    expect(notifyPatch(SAVED, draft)).toEqual({ patch: {}, errors: {} });
    draft.telegramEnabled = true;
    draft.chatId = ' 123456789 ';
    draft.rules.fill.enabled = false;
    draft.rules.summary.perMinute = '0.5';
    expect(notifyPatch(SAVED, draft)).toEqual({ patch: { telegram: { enabled: true, chatId: '123456789' }, rules: { fill: { enabled: false }, summary: { perMinute: 0.5 } } }, errors: {} });
  });

  it('clears a chat id with null and names a field that is not a number', () => {
    const saved = { ...SAVED, telegram: { ...SAVED.telegram, chatId: '42' } };
    const draft = notifyDraftOf(saved);
    draft.chatId = '';
    draft.rules.risk.burst = 'three';
    expect(notifyPatch(saved, draft)).toEqual({ patch: { telegram: { chatId: null } }, errors: { 'rules.risk.burst': 'give a whole number' } });
  });

  it('puts the terminal’s refusal under its field', () => {
    expect(notifyErrors('notifications.rules.fill.burst: Too small: expected number to be >=1')).toEqual({ fields: { 'rules.fill.burst': 'Too small: expected number to be >=1' } });
    expect(notifyErrors('notifications.telegram.chatId: must be a numeric chat id')).toEqual({ fields: { 'telegram.chatId': 'must be a numeric chat id' } });
    expect(notifyErrors('The notifications could not be saved: disk full')).toEqual({ fields: {}, general: 'The notifications could not be saved: disk full' });
  });
});
