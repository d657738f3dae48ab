import type { WebContents } from 'electron';
import type { Logger } from '#core/log';
import { allowedExternalUrl } from './external-links.ts';

export interface NavigationPolicy {
  /** Our own page (app://renderer, or the dev server in development): the only place a frame may go. */
  readonly isAppUrl: (url: string) => boolean;
  /** shell.openExternal; called only with an allowlisted https URL. */
  readonly openExternal: (url: string) => void;
  readonly logger: Logger;
}

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Where a refused URL was going, without its path or query (they may carry anything). */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Applied to every webContents the app creates (app 'web-contents-created'), not only the main window:
 * no navigation or redirect away from our page, no <webview>, no new windows. window.open of an
 * allowlisted documentation link opens in the user's browser; everything else is refused and logged.
 */
export function guardWebContents(contents: Guarded, policy: NavigationPolicy): void {
  const stayHome = (event: { preventDefault(): void; url: string }, kind: string): void => {
    if (policy.isAppUrl(event.url)) return;
    event.preventDefault();
    policy.logger.warn({ to: origin(event.url) }, `refused a ${kind} away from the app`);
  };
  contents.on('will-navigate', (event) => stayHome(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => stayHome(event, 'frame navigation'));
  contents.on('will-redirect', (event) => stayHome(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    policy.logger.warn('refused a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = allowedExternalUrl(url);
    if (external) policy.openExternal(external);
    else policy.logger.warn({ to: origin(url) }, 'refused to open a window');
    return { action: 'deny' };
  });
}
