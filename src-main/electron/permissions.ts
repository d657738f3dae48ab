import type { Session } from 'electron';
import type { Logger } from '#core/log';

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * The terminal needs no browser permission (camera, notifications, clipboard-read, geolocation, HID,
 * serial, USB…): every request and every check is answered no, so a compromised page gains nothing by
 * asking. Electron's default is to grant them.
 */
export function denyAllPermissions(session: PermissionSession, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'refused a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
