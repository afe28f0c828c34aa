/**
 * The glue in electron/main.ts, run against a stubbed `electron` and a stubbed core: every shell
 * module must actually be wired to the objects Electron would hand it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { METHOD_NAMES } from '../../../shared/api/contract'
import { decodeMethodNamesArg } from '../../../shared/api/ipc'
import { electronEvent, StubApp, StubWebContents, StubWindow } from './electron-stubs.fixture'

const h = vi.hoisted(() => {
  const session = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    protocol: { handle: vi.fn(), unhandle: vi.fn() },
    webRequest: { onHeadersReceived: vi.fn() },
  })
  return {
    session,
    defaultSession: session(),
    kioskSession: session(),
    windows: [] as { options: unknown; win: unknown }[],
    order: [] as string[],
  }
})

vi.mock('electron', async () => {
  const { StubApp, StubWindow } = await import('./electron-stubs.fixture')
  const app = Object.assign(new StubApp(), {
    isPackaged: true,
    enableSandbox: vi.fn(() => void h.order.push('enableSandbox')),
    commandLine: {
      appendSwitch: vi.fn((name: string) => void h.order.push(`switch:${name}`)),
    },
    getPath: vi.fn(() => '/tmp/kiosk-user-data'),
    getVersion: vi.fn(() => '0.1.0'),
    whenReady: vi.fn(async () => void h.order.push('ready')),
    exit: vi.fn(),
  })
  function BrowserWindow(options: unknown) {
    const win = new StubWindow()
    h.windows.push({ options, win })
    return win
  }
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1), isStarted: vi.fn(() => true), stop: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => void h.order.push('registerSchemes')),
    },
    session: {
      defaultSession: h.defaultSession,
      fromPartition: vi.fn((p: string) => (p === 'kiosk' ? h.kioskSession : h.session())),
    },
  }
})

const core = {
  call: vi.fn(async () => ({ ok: true, value: null })),
  onEvent: vi.fn(() => () => {}),
  start: vi.fn(async () => {}),
  stop: vi.fn(async () => {}),
  internals: { log: { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } },
}
const central = { url: 'http://127.0.0.1:8790', bundled: true, stop: vi.fn(async () => {}) }
vi.mock('../../../electron/core/core', () => ({ createCore: vi.fn(() => core) }))
// The real loader, watched: main.ts must tell it whether the app is packaged.
vi.mock('../../../electron/core/hall-config', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/hall-config')>()
  return { ...real, loadKioskConfig: vi.fn(real.loadKioskConfig) }
})
vi.mock('../../../electron/central/launch', () => ({
  startCentralIfNeeded: vi.fn(async () => central),
}))

let electron: typeof import('electron') & {
  app: StubApp & Record<string, ReturnType<typeof vi.fn>>
}
let win: StubWindow

beforeAll(async () => {
  // Even with a dev server URL in the environment, a packaged app loads only app://kiosk/.
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
  // A packaged app needs a hall config file (else it is not provisioned): a demo hall's.
  const configFile = join(mkdtempSync(join(tmpdir(), 'main-test-')), 'config.json')
  writeFileSync(
    configFile,
    JSON.stringify({
      terminalId: 'DEMO-T1',
      hallName: '演示大厅',
      hallNameEn: 'Demo Hall',
      printers: { receipt: null, a4: null },
    }),
  )
  vi.stubEnv('KIOSK_CONFIG_FILE', configFile)
  electron = (await import('electron')) as never
  await import('../../../electron/main')
  await vi.waitFor(() => expect(h.windows).toHaveLength(1))
  win = h.windows[0]!.win as StubWindow
  await vi.waitFor(() => expect(win.webContents.loadURL).toHaveBeenCalled())
})
afterAll(() => vi.unstubAllEnvs())

describe('electron/main.ts wiring', () => {
  it('registers the app scheme and forces the sandbox before ready', () => {
    expect(h.order.indexOf('registerSchemes')).toBeLessThan(h.order.indexOf('ready'))
    expect(h.order.indexOf('enableSandbox')).toBeLessThan(h.order.indexOf('ready'))
  })

  it('lets Chromium speak through speech-dispatcher on Linux (elder read-aloud), before ready', () => {
    const at = h.order.indexOf('switch:enable-speech-dispatcher')
    if (process.platform === 'linux') {
      expect(at).toBeGreaterThanOrEqual(0)
      expect(at).toBeLessThan(h.order.indexOf('ready'))
    } else expect(at).toBe(-1)
  })

  it('takes the single-instance lock', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(electron.app.listenerCount('second-instance')).toBe(1)
  })

  it('tells the config loader that the app is packaged (no file: not provisioned)', async () => {
    const { loadKioskConfig } = await import('../../../electron/core/hall-config')
    expect(vi.mocked(loadKioskConfig).mock.calls[0]![0]).toMatchObject({
      host: 'electron',
      packaged: true,
    })
  })

  it('builds the core with the data in the user-data folder and the central URL', async () => {
    const { createCore } = await import('../../../electron/core/core')
    const config = vi.mocked(createCore).mock.calls[0]![0]
    expect(config).toMatchObject({ host: 'electron', centralUrl: central.url })
    expect(config.dataDir).toBe('/tmp/kiosk-user-data')
    expect(core.start).toHaveBeenCalled()
  })

  it('creates one hardened kiosk window with the bundled preload and the method names', () => {
    const options = h.windows[0]!.options as Electron.BrowserWindowConstructorOptions
    expect(options).toMatchObject({ kiosk: true, fullscreen: true })
    const prefs = options.webPreferences ?? {}
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      partition: 'kiosk',
    })
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/)
    expect([...decodeMethodNamesArg(prefs.additionalArguments ?? [])].sort()).toEqual(
      [...METHOD_NAMES].sort(),
    )
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null)
  })

  it('loads app://kiosk/index.html, not the dev server, when packaged', () => {
    expect(win.webContents.loadURL).toHaveBeenCalledWith('app://kiosk/index.html')
  })

  it('serves app:// on the kiosk partition and installs the permission policy on both sessions', () => {
    expect(h.kioskSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(h.kioskSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1)
    for (const s of [h.defaultSession, h.kioskSession]) {
      expect(s.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
      expect(s.setPermissionCheckHandler).toHaveBeenCalledTimes(1)
      expect(s.setDevicePermissionHandler).toHaveBeenCalledTimes(1)
    }
  })

  it('guards every webContents the app creates', () => {
    const contents = new StubWebContents()
    electron.app.emit('web-contents-created', electronEvent(), contents)
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.navigate('will-navigate', 'http://localhost:5173/')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/' })).toEqual({ action: 'deny' })
  })

  it('bridges the core on the kiosk:call channel and keeps the display awake', () => {
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('kiosk:call', expect.any(Function))
    expect(core.onEvent).toHaveBeenCalled()
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep')
  })

  it('ends a crashed renderer session through the core', () => {
    win.webContents.emit('render-process-gone', electronEvent(), { reason: 'oom', exitCode: 1 })
    expect(core.call).toHaveBeenCalledWith('session.end', { reason: 'recovery' })
  })

  it('stops the core, then the central service, before quitting', async () => {
    electron.app.emit('before-quit', electronEvent())
    const event = electronEvent()
    electron.app.emit('will-quit', event)
    expect(event.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
    expect(core.stop).toHaveBeenCalled()
    expect(central.stop).toHaveBeenCalled()
    expect(core.stop.mock.invocationCallOrder[0]).toBeLessThan(
      central.stop.mock.invocationCallOrder[0]!,
    )
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('kiosk:call')
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalled()
  })
})
