import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'
import {
  createKioskWindow,
  devToolsAllowed,
  kioskWindowOptions,
  type BrowserWindowClass,
} from '../../../electron/shell/window'
import { decodeMethodNamesArg } from '../../../shared/api/ipc'
import { electronEvent, StubWindow } from './electron-stubs.fixture'

vi.mock('electron', () => ({}))

const options = {
  preloadPath: '/app/out/preload/index.js',
  methodNames: ['terminal.info', 'session.start'],
  devTools: false,
}

describe('kiosk window', () => {
  it('is a full-screen kiosk window that waits to be painted before showing', () => {
    const o = kioskWindowOptions(options)
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false })
  })

  it('has every webPreferences item of the Electron security checklist', () => {
    const prefs = kioskWindowOptions(options).webPreferences ?? {}
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
      spellcheck: false,
      preload: '/app/out/preload/index.js',
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    // In-memory partition: nothing the page stores reaches the disk.
    expect(prefs.partition).toBe('kiosk')
    expect(decodeMethodNamesArg(prefs.additionalArguments ?? [])).toEqual(
      new Set(['terminal.info', 'session.start']),
    )
  })

  it('allows DevTools only unpackaged and with KIOSK_DEVTOOLS=1', () => {
    expect(devToolsAllowed(true, { KIOSK_DEVTOOLS: '1' })).toBe(false)
    expect(devToolsAllowed(false, {})).toBe(false)
    expect(devToolsAllowed(false, { KIOSK_DEVTOOLS: 'true' })).toBe(false)
    expect(devToolsAllowed(false, { KIOSK_DEVTOOLS: '1' })).toBe(true)
  })

  it('passes the options to BrowserWindow and refuses to close unless quitting', () => {
    const made: BrowserWindowConstructorOptions[] = []
    let instance: StubWindow | undefined
    const Ctor = function (this: unknown, o: BrowserWindowConstructorOptions) {
      made.push(o)
      instance = new StubWindow()
      return instance
    } as unknown as BrowserWindowClass
    let quitting = false
    const quit = { isQuitting: () => quitting, mark: () => void (quitting = true) }
    createKioskWindow(Ctor, options, quit)
    expect(made).toEqual([kioskWindowOptions(options)])
    const win = instance as StubWindow
    expect(win.removeMenu).toHaveBeenCalled()

    const early = electronEvent()
    win.emit('close', early)
    expect(early.defaultPrevented).toBe(true)

    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalled()

    // Windows ending the user session must not be blocked by the close guard.
    win.emit('session-end')
    const late = electronEvent()
    win.emit('close', late)
    expect(late.defaultPrevented).toBe(false)
  })
})
