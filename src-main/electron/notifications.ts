import { Notification } from 'electron';
import { err, ok } from '#core/result';
import type { NotificationSink } from '#notify/notification';

/**
 * The operating system's own notifications (Notification Center, Windows toasts, libnotify). Problems
 * are critical and make a sound; news (fills, the summary) is quiet.
 */
export function desktopSink(): NotificationSink {
  return {
    name: 'desktop',
    async send(n) {
      if (!Notification.isSupported()) return err({ kind: 'unavailable', message: 'this desktop has no notification service' });
      new Notification({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal', silent: !n.urgent }).show();
      return ok(undefined);
    },
  };
}
