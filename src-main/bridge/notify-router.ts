import type { z } from 'zod';
import type { Result } from '#core/result';
import type { commands, CommandOutput } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';
import type { NotifySettingsDto, NotifyTestDto } from '#contract/notify-dto';

type NotifyCommand = 'settings:notify:get' | 'settings:notify:set' | 'settings:notify:token' | 'settings:notify:test';
type Handler<C extends NotifyCommand> = (input: z.infer<(typeof commands)[C]['input']>) => Promise<BridgeResult<CommandOutput<C>>>;

export interface NotificationControlError {
  readonly kind: 'invalid-input' | 'invalid-state' | 'unavailable' | 'not-available';
  readonly message: string;
}

/**
 * The shell's running notifications (src-main/notify's center) as the bridge commands see them: read and
 * change the settings, save the Telegram token, send a test. Every door (IPC, WebSocket, REST) reaches them
 * here, so the API and the settings screen do the same things.
 */
export interface NotificationControl {
  view(): Promise<Result<NotifySettingsDto, NotificationControlError>>;
  update(patch: Readonly<Record<string, unknown>>): Promise<Result<NotifySettingsDto, NotificationControlError>>;
  /** `null` removes the token. */
  setTelegramToken(token: string | null): Promise<Result<NotifySettingsDto, NotificationControlError>>;
  sendTest(): Promise<Result<NotifyTestDto, NotificationControlError>>;
}

const unavailable = { ok: false as const, error: { kind: 'not-available' as const, message: 'notifications are not set up in this terminal' } };

const answer = <T>(r: Result<T, NotificationControlError>): BridgeResult<T> => (r.ok ? { ok: true, value: r.value } : { ok: false, error: { kind: r.error.kind, message: r.error.message } });

export function notifyHandlers(control: NotificationControl | undefined): { [C in NotifyCommand]: Handler<C> } {
  return {
    'settings:notify:get': async () => (control ? answer(await control.view()) : unavailable),
    'settings:notify:set': async (patch) => (control ? answer(await control.update(patch)) : unavailable),
    'settings:notify:token': async ({ token }) => (control ? answer(await control.setTelegramToken(token)) : unavailable),
    'settings:notify:test': async () => (control ? answer(await control.sendTest()) : unavailable),
  };
}
