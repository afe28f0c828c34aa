/**
 * The web host's page token: given once in the address (`?token=`), then kept in sessionStorage
 * so a reload still works, and removed from the address bar so it is not on screen. It
 * identifies the terminal's page, not a resident.
 */
const STORAGE_KEY = 'kiosk.webToken'

/** Reads the token from the URL (preferred) or sessionStorage; strips it from the address bar. */
export function takeWebToken(win: Window = window): string {
  const url = new URL(win.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromUrl)
    } catch {
      // Storage disabled: the token still works for this page's lifetime.
    }
    url.searchParams.delete('token')
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}
