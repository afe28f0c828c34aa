/**
 * The Electron entry: glue only. It reads the configuration, starts the bundled central service in
 * demo mode, creates the core, and wires the shell modules around one hardened kiosk window. Nothing
 * here decides anything about residents, services or data: that is the core's (plain Node, shared
 * with the web host).
 *
 * What crosses this process's boundaries: the page ↔ core over the preload bridge
 * (`shell/ipc.ts`, sender-checked), the renderer files over `app://kiosk/` (`shell/app-protocol.ts`,
 * with the CSP), and the core ↔ central service over signed HTTP (the core's business).
 */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron'
import { METHOD_NAMES } from '../shared/api/contract'
import { startCentralIfNeeded } from './central/launch'
import { ConfigError, configFromEnv } from './core/config'
import { createCore } from './core/core'
import { enforceCspHeader, registerAppScheme, serveAppProtocol } from './shell/app-protocol'
import { bridgeCoreToWindow } from './shell/ipc'
import {
  claimSingleInstance,
  cleanUpBeforeQuit,
  guardAllWebContents,
  quitOnSignals,
  quitWhenWindowsClosed,
  trackQuitting,
} from './shell/lifecycle'
import { APP_START_URL, appOriginCheck } from './shell/origin'
import { installPermissionPolicy } from './shell/permissions'
import { preventDisplaySleep } from './shell/power'
import { watchRenderer } from './shell/recovery'
import { createKioskWindow, devToolsAllowed, KIOSK_PARTITION } from './shell/window'

// Both must happen before `ready` (Electron's rule).
registerAppScheme(protocol)
app.enableSandbox()

const quit = trackQuitting(app)
let kioskWindow: BrowserWindow | undefined

async function start(): Promise<void> {
  // The electron-vite dev server, only in an unpackaged build.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const isApp = appOriginCheck(devUrl ? [devUrl] : [])

  const config = configFromEnv(
    // A packaged app's working folder may be anywhere; keep the data in the user-data folder.
    { ...process.env, KIOSK_DATA_DIR: process.env.KIOSK_DATA_DIR ?? app.getPath('userData') },
    { host: 'electron', version: app.getVersion() },
  )
  const central = await startCentralIfNeeded(config, process.env)
  const core = createCore({ ...config, centralUrl: central.url })
  const log = core.internals.log
  const disposers: Array<() => void> = []

  cleanUpBeforeQuit(
    app,
    async () => {
      for (const dispose of disposers.reverse()) dispose()
      await core.stop()
      await central.stop()
    },
    log,
  )
  quitWhenWindowsClosed(app)
  quitOnSignals(app)
  guardAllWebContents(app, isApp, log)
  await core.start()

  await app.whenReady()
  Menu.setApplicationMenu(null)
  const kioskSession = session.fromPartition(KIOSK_PARTITION)
  installPermissionPolicy(session.defaultSession, isApp, log)
  installPermissionPolicy(kioskSession, isApp, log)
  disposers.push(serveAppProtocol(kioskSession.protocol, join(__dirname, '../renderer')))
  enforceCspHeader(kioskSession.webRequest)
  disposers.push(preventDisplaySleep(powerSaveBlocker))

  const win = createKioskWindow(
    BrowserWindow,
    {
      preloadPath: join(__dirname, '../preload/index.js'),
      methodNames: METHOD_NAMES,
      devTools: devToolsAllowed(app.isPackaged, process.env),
    },
    quit,
  )
  kioskWindow = win
  disposers.push(bridgeCoreToWindow({ ipcMain, window: win, core, isApp, log }))
  const renderer = watchRenderer({
    window: win,
    core,
    startUrl: devUrl ?? APP_START_URL,
    log,
    isQuitting: quit.isQuitting,
  })
  disposers.push(() => renderer.dispose())
  renderer.load()
}

if (claimSingleInstance(app, () => kioskWindow)) {
  start().catch((err: unknown) => {
    const message = err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)
    process.stderr.write(`hall-kiosk failed to start: ${message}\n`)
    app.exit(1)
  })
} else {
  // Another instance owns the screen; it has been asked to come to the front.
  app.quit()
}
