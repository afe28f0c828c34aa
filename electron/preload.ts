/**
 * The preload: the only code that sees both the page and Electron. It exposes `window.kiosk`, a
 * `KioskBridge` with exactly two functions, and nothing else (never `ipcRenderer`, never an IPC event
 * object, whose `sender` would be `ipcRenderer`).
 *
 * What crosses here: `call(method, input)` → one invoke on `kiosk:call` when `method` is one of the
 * contract's names, a `Result` value back; `kiosk:event` messages → the page's listeners as
 * `{ event, payload }`. The main process checks the sender again (`electron/shell/ipc.ts`); this file
 * is a filter, not the guard.
 *
 * It runs sandboxed and is bundled into one CommonJS file, so it imports only light modules: the
 * contract's method names arrive through `additionalArguments` instead of importing the contract
 * (which would bundle zod and every schema).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { KioskBridge } from '../shared/api/contract'
import { decodeMethodNamesArg, IPC_CHANNELS } from '../shared/api/ipc'

type BridgeListener = Parameters<KioskBridge['on']>[0]
type BridgeMessage = Parameters<BridgeListener>[0]

/** The subset of `ipcRenderer` the bridge uses (a stub in tests). */
export type BridgeIpc = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>

// Results are values on this side too (a rejection crossing IPC keeps only its message).
const unknownMethod = { ok: false, error: { code: 'UNKNOWN_METHOD' } } as const
const transportFailed = { ok: false, error: { code: 'INTERNAL', detail: 'ipc' } } as const

const isMessage = (value: unknown): value is BridgeMessage =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { event?: unknown }).event === 'string'

/** Builds the bridge over an IPC renderer and the set of callable method names. */
function createKioskBridge(ipc: BridgeIpc, methodNames: ReadonlySet<string>): KioskBridge {
  return {
    call(method, input) {
      if (typeof method !== 'string' || !methodNames.has(method)) {
        return Promise.resolve(unknownMethod)
      }
      return ipc.invoke(IPC_CHANNELS.call, method, input).catch(() => transportFailed)
    },
    on(listener) {
      if (typeof listener !== 'function') return () => {}
      // One wrapper per subscription, kept here so that unsubscribe removes this very function.
      const wrapper = (_event: IpcRendererEvent, message: unknown) => {
        if (isMessage(message)) listener({ event: message.event, payload: message.payload })
      }
      ipc.on(IPC_CHANNELS.event, wrapper)
      let subscribed = true
      return () => {
        if (!subscribed) return
        subscribed = false
        ipc.removeListener(IPC_CHANNELS.event, wrapper)
      }
    },
  }
}

contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskBridge(ipcRenderer, decodeMethodNamesArg(process.argv)),
)
