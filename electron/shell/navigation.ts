/**
 * Navigation and window rules for a webContents: it may only ever show the app origin. Foreign
 * navigations and redirects (main frame or sub-frame) are cancelled, `<webview>` is never attached,
 * and every `window.open` / `target=_blank` is denied (no child windows in a kiosk; no
 * `shell.openExternal` either, anywhere).
 */
import type { WebContents } from 'electron'
import type { OriginCheck, ShellLog } from './origin'

/** The slice of a webContents the guard needs (a stub in tests). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/** Where a URL may be logged: its origin only (a query string could carry personal data). */
function safeOrigin(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(unparsable)'
  }
}

/**
 * Applies the rules to one webContents. Called for every webContents the app creates (see
 * `lifecycle.ts`), so the rules also hold for anything created later.
 */
export function guardNavigation(contents: GuardedContents, isApp: OriginCheck, log: ShellLog) {
  const blockForeign =
    (kind: string) =>
    (event: { url: string; preventDefault(): void }): void => {
      if (isApp(event.url)) return
      event.preventDefault()
      log.warn('shell.navigation_blocked', { kind, origin: safeOrigin(event.url) })
    }

  contents.on('will-navigate', blockForeign('navigate'))
  contents.on('will-frame-navigate', blockForeign('frame-navigate'))
  contents.on('will-redirect', blockForeign('redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('shell.webview_blocked')
  })
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('shell.window_open_denied', { origin: safeOrigin(url) })
    return { action: 'deny' }
  })
}
