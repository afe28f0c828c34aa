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
import { createCore, type Core } from './core/core'
import { loadKioskConfig, markMisconfigured, raiseStartupIssues } from './core/hall-config'
import { findKioskResources, PACKAGED_RESOURCES_DIR } from './core/package-resources'
import { runProvision } from './provision/provision'
import type { RunningCentral } from './central/launch'
import { enforceCspHeader, registerAppScheme, serveAppProtocol } from './shell/app-protocol'
import { bridgeCoreToWindow } from './shell/ipc'
import { actOnHostCommands } from './shell/host-commands'
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

// All must happen before `ready` (Electron's rule). On Linux, Chromium speaks (elder mode's
// read-aloud) only through speech-dispatcher, and only when asked to use it.
registerAppScheme(protocol)
app.enableSandbox()
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher')

const quit = trackQuitting(app)
let kioskWindow: BrowserWindow | undefined

async function start(): Promise<void> {
  // The electron-vite dev server, only in an unpackaged build.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const isApp = appOriginCheck(devUrl ? [devUrl] : [])

  // Hall config file < environment (core/hall-config.ts). A bad configuration does not stop the
  // app: the core runs out of service and the attract screen names the bad fields for staff.
  const loaded = loadKioskConfig({
    env: process.env,
    argv: process.argv,
    host: 'electron',
    version: app.getVersion(),
    // An installed terminal without a hall config file is not provisioned: out of service, no demo.
    packaged: app.isPackaged,
    // A packaged app's working folder may be anywhere; keep the data in the user-data folder.
    defaults: { KIOSK_DATA_DIR: app.getPath('userData') },
    // sql.js wasm and CJK font by explicit path: the package's extraResources, else the build's.
    resources: findKioskResources([
      app.isPackaged && process.resourcesPath
        ? join(process.resourcesPath, PACKAGED_RESOURCES_DIR)
        : null,
      join(__dirname, '../resources'),
    ]),
  })
  let central: RunningCentral = { url: null, bundled: false, stop: async () => {} }
  let core: Core
  if (loaded.ok) {
    central = await startCentralIfNeeded(loaded.settings.core, process.env)
    core = await createCore({ ...loaded.settings.core, centralUrl: central.url })
  } else {
    core = await createCore(loaded.fallback)
    const { issue, source, problems } = loaded
    core.internals.log.error('config.invalid', { issue, source, problems })
  }
  const log = core.internals.log
  log.info('host.resources', {
    wasmPath: (loaded.ok ? loaded.settings.core : loaded.fallback).wasmPath ?? null,
    fontPath: (loaded.ok ? loaded.settings.core : loaded.fallback).fontPath ?? null,
  })
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
  if (loaded.ok) raiseStartupIssues(core, loaded.settings.issues)
  else markMisconfigured(core, loaded.fields, loaded.issue)

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
  // Staff's restart / exit: the core asks, the shell relaunches or quits.
  disposers.push(actOnHostCommands(app, core))
  const renderer = watchRenderer({
    window: win,
    core,
    startUrl: devUrl ?? APP_START_URL,
    log,
    isQuitting: quit.isQuitting,
  })
  disposers.push(() => renderer.dispose())
  renderer.load()

  // Updates only for an installed, provisioned terminal; they wait for the attract screen.
  const updates = loaded.ok ? loaded.settings.updates : null
  if (updates && app.isPackaged) {
    // Loaded only here, so a terminal without an update feed never loads electron-updater.
    const { installSpoolIfPresent, platformUpdater, startUpdates } = await import('./shell/updates')
    disposers.push(
      startUpdates({
        updater: platformUpdater(),
        core,
        settings: updates,
        log,
        installSpool: installSpoolIfPresent(),
      }),
    )
  }
}

if (process.argv.includes('--provision')) {
  // `hall-kiosk --provision …`: the installed app writes its hall config file and exits (its
  // Electron cannot run the build's provision.js as Node: the RunAsNode fuse is off).
  const args = process.argv.slice(process.argv.indexOf('--provision') + 1)
  void runProvision(args, {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
  }).then((code) => app.exit(code))
} else if (claimSingleInstance(app, () => kioskWindow)) {
  start().catch((err: unknown) => {
    const message = String((err as Error)?.stack ?? err)
    process.stderr.write(`hall-kiosk failed to start: ${message}\n`)
    app.exit(1)
  })
} else {
  // Another instance owns the screen; it has been asked to come to the front.
  app.quit()
}
