import type { MenuItemConstructorOptions } from 'electron';

const VIEW: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
const DEVELOPER: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

/**
 * The application menu. Outside development it has no DevTools and no reload (a reload mid-order would
 * drop the page's state and its accelerators are easy to hit); the edit menu stays so paste works.
 */
export function menuTemplate(development: boolean): MenuItemConstructorOptions[] {
  return [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: development ? [...DEVELOPER, ...VIEW] : VIEW },
    { role: 'windowMenu' },
  ];
}
