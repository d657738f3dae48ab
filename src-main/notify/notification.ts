import type { Result } from '#core/result';
import type { NotifyKind } from '#config/notify-schema';

/** One thing the trader should hear about. */
export interface Notification {
  readonly kind: NotifyKind;
  readonly title: string;
  readonly body: string;
  /** Problems (rejections, risk breaches, feed trouble) as opposed to news (fills, the summary). */
  readonly urgent: boolean;
  /** Engine-clock time of what it reports. */
  readonly tsEvent: number;
}

export interface SinkError {
  readonly kind: 'rate-limited' | 'unauthorized' | 'timeout' | 'network' | 'refused' | 'unavailable';
  readonly message: string;
}

/** Where notifications go: the desktop, Telegram. A sink never throws; a failure is its Result. */
export interface NotificationSink {
  readonly name: string;
  send(notification: Notification): Promise<Result<void, SinkError>>;
}
