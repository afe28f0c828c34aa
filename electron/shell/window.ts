/**
 * The kiosk window: full screen, frameless, no menu, every `webPreferences` item of the Electron
 * security checklist (docs/architecture.md, "Trust boundaries"). There is exactly one window;
 * supervisor mode lives inside it, because a child window of a kiosk window brings the taskbar back.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import { encodeMethodNamesArg } from '../../shared/api/ipc'

/**
 * The kiosk window's session partition. No `persist:` prefix: the session lives in memory only, so
 * nothing the page stores (localStorage, IndexedDB, caches) ever reaches the disk (promise 4).
 */
export const KIOSK_PARTITION = 'kiosk'

export interface KioskWindowOptions {
  /** Absolute path of the bundled preload (`out/preload/index.js`). */
  preloadPath: string
  /** The contract's method names, handed to the preload so it need not bundle the contract. */
  methodNames: readonly string[]
  /** From `devToolsAllowed`: false in every packaged build. */
  devTools: boolean
}

/** DevTools only in an unpackaged build and only when asked for with `KIOSK_DEVTOOLS=1`. */
export function devToolsAllowed(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env.KIOSK_DEVTOOLS === '1'
}

/**
 * The checklist, item by item. `enableBlinkFeatures` is deliberately absent (unset), not empty.
 */
export function kioskWebPreferences(options: KioskWindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    partition: KIOSK_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
    spellcheck: false,
    additionalArguments: [encodeMethodNamesArg(options.methodNames)],
  }
}

/** The whole constructor options: kiosk + full screen, frameless, shown once painted. */
export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: kioskWebPreferences(options),
  }
}

/** The BrowserWindow constructor, as a parameter so tests can pass a stub. */
export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow

/** The quitting flag from `lifecycle.trackQuitting`. */
export interface QuitState {
  isQuitting(): boolean
  mark(): void
}

/**
 * Creates the kiosk window. A resident must not be able to close it (Alt+F4 sends `close`): closing
 * is refused unless the app itself is quitting or Windows is ending the user's session.
 */
export function createKioskWindow(
  BrowserWindowCtor: BrowserWindowClass,
  options: KioskWindowOptions,
  quit: QuitState,
): BrowserWindow {
  const win = new BrowserWindowCtor(kioskWindowOptions(options))
  win.removeMenu()
  win.once('ready-to-show', () => win.show())
  win.on('close', (event) => {
    if (!quit.isQuitting()) event.preventDefault()
  })
  win.on('session-end', () => quit.mark())
  return win
}
