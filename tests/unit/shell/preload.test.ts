import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KioskBridge } from '../../../shared/api/contract'

// The preload reads the method names from argv at load time (webPreferences.additionalArguments).
const stubs = vi.hoisted(() => {
  const argv = process.argv.slice()
  process.argv.push('--kiosk-methods=terminal.info,session.start')
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 1 })),
    on: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)?.add(fn)
    }),
    removeListener: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(fn)
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  }
  const exposed = new Map<string, unknown>()
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => void exposed.set(key, api)),
  }
  const emit = (channel: string, message: unknown) => {
    const event = { sender: ipcRenderer, ports: [] }
    for (const fn of listeners.get(channel) ?? []) fn(event, message)
  }
  return { argv, ipcRenderer, contextBridge, exposed, listeners, emit }
})

vi.mock('electron', () => ({
  contextBridge: stubs.contextBridge,
  ipcRenderer: stubs.ipcRenderer,
}))

await import('../../../electron/preload')
const kiosk = stubs.exposed.get('kiosk') as KioskBridge

afterAll(() => {
  process.argv.splice(0, process.argv.length, ...stubs.argv)
})

beforeEach(() => {
  stubs.ipcRenderer.invoke.mockClear()
})

describe('preload bridge', () => {
  it('exposes window.kiosk with exactly call and on, and nothing else', () => {
    expect(stubs.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect([...stubs.exposed.keys()]).toEqual(['kiosk'])
    expect(Object.keys(kiosk).sort()).toEqual(['call', 'on'])
    expect(Object.values(kiosk).every((v) => typeof v === 'function')).toBe(true)
    expect(JSON.stringify(Object.keys(kiosk))).not.toContain('ipc')
  })

  it('invokes one prefixed channel for a contract method', async () => {
    expect(await kiosk.call('terminal.info', { x: 1 })).toEqual({ ok: true, value: 1 })
    expect(stubs.ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:call', 'terminal.info', { x: 1 })
  })

  it.each(['nope.method', '__proto__', 'constructor', 'toString', '', 'kiosk:call'])(
    'answers unknown method %j with UNKNOWN_METHOD without touching IPC',
    async (name) => {
      expect(await kiosk.call(name, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
      expect(stubs.ipcRenderer.invoke).not.toHaveBeenCalled()
    },
  )

  it('refuses a non-string method name', async () => {
    const call = kiosk.call as (method: unknown, input: unknown) => Promise<unknown>
    expect(await call({ toString: () => 'terminal.info' }, {})).toMatchObject({ ok: false })
    expect(stubs.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('turns a failed invoke into an error value, never a rejection', async () => {
    stubs.ipcRenderer.invoke.mockRejectedValueOnce(new Error('No handler registered'))
    expect(await kiosk.call('session.start', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', detail: 'ipc' },
    })
  })

  it('delivers events as { event, payload } without the IPC event object', () => {
    const got: unknown[][] = []
    const off = kiosk.on((...args) => void got.push(args))
    stubs.emit('kiosk:event', { event: 'terminal.status', payload: { connection: 'online' } })
    stubs.emit('kiosk:event', 'not a message')
    stubs.emit('kiosk:event', { payload: 1 })
    expect(got).toEqual([[{ event: 'terminal.status', payload: { connection: 'online' } }]])
    off()
  })

  it('unsubscribe removes the very function it added, once', () => {
    const listener = vi.fn()
    const off = kiosk.on(listener)
    const added = stubs.ipcRenderer.on.mock.calls.at(-1)?.[1]
    expect(stubs.ipcRenderer.on.mock.calls.at(-1)?.[0]).toBe('kiosk:event')
    expect(stubs.listeners.get('kiosk:event')?.has(added as never)).toBe(true)

    off()
    expect(stubs.ipcRenderer.removeListener).toHaveBeenLastCalledWith('kiosk:event', added)
    expect(stubs.listeners.get('kiosk:event')?.has(added as never)).toBe(false)
    stubs.emit('kiosk:event', { event: 'terminal.status', payload: {} })
    expect(listener).not.toHaveBeenCalled()

    const removals = stubs.ipcRenderer.removeListener.mock.calls.length
    off()
    expect(stubs.ipcRenderer.removeListener.mock.calls.length).toBe(removals)
  })

  it('keeps other subscribers when one unsubscribes', () => {
    const a = vi.fn()
    const b = vi.fn()
    const offA = kiosk.on(a)
    const offB = kiosk.on(b)
    offA()
    stubs.emit('kiosk:event', { event: 'terminal.status', payload: {} })
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledTimes(1)
    offB()
  })
})

describe('preload bundle', () => {
  /** Module specifiers a file imports at run time (type-only imports are erased by the bundler). */
  const runtimeImports = (file: string) => {
    const source = readFileSync(resolve(__dirname, '../../..', file), 'utf8')
    return [...source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1])
  }

  it('pulls in only electron and the channel names, never the contract (zod, schemas)', () => {
    expect(runtimeImports('electron/preload.ts').sort()).toEqual(['../shared/api/ipc', 'electron'])
    expect(runtimeImports('shared/api/ipc.ts')).toEqual([])
  })
})
