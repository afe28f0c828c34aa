import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, IpcMain } from 'electron'
import type { EventMessage } from '../../../shared/api/contract'
import { IPC_CHANNELS } from '../../../shared/api/ipc'
import { bridgeCoreToWindow, REFUSED } from '../../../electron/shell/ipc'
import { appOriginCheck } from '../../../electron/shell/origin'
import { recordingLog, stubFrame, StubWindow } from './electron-stubs.fixture'

vi.mock('electron', () => ({}))

type CallHandler = (event: unknown, method: unknown, input: unknown) => Promise<unknown>

function bridge() {
  const handlers = new Map<string, CallHandler>()
  const ipcMain = {
    handle: vi.fn((channel: string, h: CallHandler) => void handlers.set(channel, h)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  }
  const window = new StubWindow()
  let emit: (m: EventMessage) => void = () => {}
  const unsubscribe = vi.fn()
  const core = {
    call: vi.fn(async (method: string) => ({ ok: true as const, value: { method } })),
    onEvent: vi.fn((listener: (m: EventMessage) => void) => {
      emit = listener
      return unsubscribe
    }),
  }
  const log = recordingLog()
  const dispose = bridgeCoreToWindow({
    ipcMain: ipcMain as unknown as IpcMain,
    window: window as unknown as BrowserWindow,
    core,
    isApp: appOriginCheck(),
    log,
  })
  const call = (event: unknown, method: unknown = 'terminal.info', input: unknown = {}) => {
    const handler = handlers.get(IPC_CHANNELS.call)
    if (!handler) throw new Error('no handler on ' + IPC_CHANNELS.call)
    return handler(event, method, input)
  }
  const goodEvent = () => ({ sender: window.webContents, senderFrame: stubFrame() })
  return {
    ipcMain,
    handlers,
    window,
    core,
    log,
    call,
    goodEvent,
    emit: (m: EventMessage) => emit(m),
    unsubscribe,
    dispose,
  }
}

const message = {
  event: 'session.ended',
  payload: { sessionId: 's-12345678', reason: 'finish', at: '2025-01-01T00:00:00Z' },
} as EventMessage

describe('IPC bridge: sender checks', () => {
  it('handles exactly one prefixed channel', () => {
    const { ipcMain } = bridge()
    expect(ipcMain.handle).toHaveBeenCalledTimes(1)
    expect(ipcMain.handle.mock.calls[0]?.[0]).toBe('kiosk:call')
  })

  it('lets a call from the app main frame reach the core', async () => {
    const { call, core, goodEvent } = bridge()
    expect(await call(goodEvent(), 'terminal.info', { a: 1 })).toEqual({
      ok: true,
      value: { method: 'terminal.info' },
    })
    expect(core.call).toHaveBeenCalledWith('terminal.info', { a: 1 })
  })

  it.each([
    ['a foreign origin', { senderFrame: stubFrame({ url: 'https://evil.example/' }) }],
    ['a look-alike origin', { senderFrame: stubFrame({ url: 'app://kiosk.evil/index.html' }) }],
    ['an opaque origin', { senderFrame: stubFrame({ url: 'foo://kiosk/' }) }],
    ['a missing senderFrame', { senderFrame: null }],
    ['a sub-frame', { senderFrame: stubFrame({ parent: {}, frameTreeNodeId: 7 }) }],
    ['a sub-frame claiming no parent', { senderFrame: stubFrame({ frameTreeNodeId: 7 }) }],
    ['a detached frame', { senderFrame: stubFrame({ detached: true }) }],
    ['a destroyed frame', { senderFrame: stubFrame({ destroyed: true }) }],
  ])('refuses a call from %s without reaching the core', async (_name, override) => {
    const { call, core, goodEvent, log } = bridge()
    expect(await call({ ...goodEvent(), ...override })).toEqual(REFUSED)
    expect(core.call).not.toHaveBeenCalled()
    expect(log.events).toContainEqual({ level: 'warn', message: 'ipc.call_refused' })
  })

  it('refuses a call from another webContents', async () => {
    const { call, core, goodEvent } = bridge()
    const other = new StubWindow().webContents
    expect(await call({ ...goodEvent(), sender: other })).toEqual(REFUSED)
    expect(core.call).not.toHaveBeenCalled()
  })

  it('refuses calls once the window is gone', async () => {
    const { call, core, goodEvent, window } = bridge()
    window.destroyed = true
    expect(await call(goodEvent())).toEqual(REFUSED)
    expect(core.call).not.toHaveBeenCalled()
  })

  it('answers a non-string method name with UNKNOWN_METHOD, not a throw', async () => {
    const { call, core, goodEvent } = bridge()
    expect(await call(goodEvent(), { toString: 1 })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
    expect(core.call).not.toHaveBeenCalled()
  })

  it('never logs the input (it may be personal data)', async () => {
    const { call, goodEvent, log } = bridge()
    const spy = vi.spyOn(log, 'warn')
    await call({ ...goodEvent(), senderFrame: null }, 'identity.readCard', { idNumber: '350102' })
    expect(JSON.stringify(spy.mock.calls)).not.toContain('350102')
  })
})

describe('IPC bridge: events', () => {
  it('forwards core events to a live app page on the event channel', () => {
    const { emit, window } = bridge()
    emit(message)
    expect(window.webContents.send).toHaveBeenCalledWith('kiosk:event', message)
  })

  it('drops events while the window is destroyed, crashed or off the app origin', () => {
    const { emit, window } = bridge()
    window.webContents.crashed = true
    emit(message)
    window.webContents.crashed = false
    window.webContents.url = 'https://evil.example/'
    emit(message)
    window.webContents.destroyed = true
    emit(message)
    window.destroyed = true
    emit(message)
    expect(window.webContents.send).not.toHaveBeenCalled()
  })

  it('undoes everything on dispose', () => {
    const { dispose, handlers, unsubscribe } = bridge()
    dispose()
    expect(handlers.size).toBe(0)
    expect(unsubscribe).toHaveBeenCalledTimes(1)
  })
})
