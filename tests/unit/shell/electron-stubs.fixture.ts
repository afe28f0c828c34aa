/**
 * Hand-made stand-ins for the Electron objects the shell modules take as parameters. They carry only
 * what the modules touch; each test casts them to the Electron type at the call site. `electron`
 * itself is always replaced through a `vi.mock` factory (a real `require('electron')` would try to
 * download the binary).
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { ShellLog } from '../../../electron/shell/origin'

/** A log that remembers what it was told. */
export function recordingLog(): ShellLog & { events: { level: string; message: string }[] } {
  const events: { level: string; message: string }[] = []
  const at = (level: string) => (message: string) => void events.push({ level, message })
  return { events, info: at('info'), warn: at('warn'), error: at('error') }
}

/** An Electron-style event: records whether `preventDefault` was called. */
export function electronEvent<T extends object>(fields: T = {} as T) {
  const event = Object.assign({ defaultPrevented: false, preventDefault: () => {} }, fields)
  event.preventDefault = () => {
    event.defaultPrevented = true
  }
  return event
}

/** A webContents stub: an EventEmitter plus the methods the shell calls. */
export class StubWebContents extends EventEmitter {
  static nextId = 1
  readonly id = StubWebContents.nextId++
  url = 'app://kiosk/index.html'
  destroyed = false
  crashed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  readonly mainFrame = { frameTreeNodeId: 1, parent: null, url: this.url }
  readonly send = vi.fn()
  readonly loadURL = vi.fn(async (_url: string) => {})
  readonly forcefullyCrashRenderer = vi.fn(() => {
    this.crashed = true
  })
  readonly session = { clearStorageData: vi.fn(async () => {}) }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  getURL() {
    return this.url
  }
  isDestroyed() {
    return this.destroyed
  }
  isCrashed() {
    return this.crashed
  }

  /** Emits a navigation-type event the way Electron does and says whether it was cancelled. */
  navigate(name: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event = electronEvent({ url })
    this.emit(name, event, url)
    return event.defaultPrevented
  }
}

/** A BrowserWindow stub around a StubWebContents. */
export class StubWindow extends EventEmitter {
  destroyed = false
  minimized = false
  readonly webContents = new StubWebContents()
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  readonly removeMenu = vi.fn()
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return this.minimized
  }
}

/** A WebFrameMain stub; a sub-frame has a parent. */
export function stubFrame(
  fields: Partial<{
    url: string
    frameTreeNodeId: number
    parent: object | null
    detached: boolean
    destroyed: boolean
  }> = {},
) {
  const { destroyed = false, ...rest } = fields
  return {
    url: 'app://kiosk/index.html',
    frameTreeNodeId: 1,
    parent: null,
    detached: false,
    ...rest,
    isDestroyed: () => destroyed,
  }
}

/** An `app` stub: an EventEmitter with the lifecycle methods the shell calls. */
export class StubApp extends EventEmitter {
  lock = true
  readonly quit = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => this.lock)
}
