/**
 * The Electron transport, main side: one `ipcMain.handle` on `kiosk:call` that refuses anything not
 * sent by the kiosk window's main frame on the app origin (Electron's security checklist: check
 * senderFrame on every IPC message), and the core's events forwarded on `kiosk:event` while the
 * window lives. What crosses: a method name and an input (parsed by the core), a `Result` value
 * back, and `EventMessage`s out.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import type { EventMessage } from '../../shared/api/contract'
import { IPC_CHANNELS } from '../../shared/api/ipc'
import { fail, type Result } from '../../shared/api/result'
import type { OriginCheck, ShellLog } from './origin'
import { originOf } from './origin'

/** What the transport needs from the core (`Core` satisfies it). */
export interface CorePort {
  call(method: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (message: EventMessage) => void): () => void
}

/** Why a call was refused, for the log; `null` means the sender is the app's main frame. */
export type SenderRefusal =
  | 'window-gone'
  | 'foreign-webcontents'
  | 'no-sender-frame'
  | 'frame-gone'
  | 'sub-frame'
  | 'foreign-origin'

/** Checks one IPC sender against the kiosk window. */
export function checkSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow,
  isApp: OriginCheck,
): SenderRefusal | null {
  if (window.isDestroyed() || window.webContents.isDestroyed()) return 'window-gone'
  const contents = window.webContents
  if (event.sender.id !== contents.id) return 'foreign-webcontents'
  // senderFrame is null once the frame has navigated away or been destroyed (Electron docs).
  const frame = event.senderFrame
  if (!frame) return 'no-sender-frame'
  if (frame.isDestroyed() || frame.detached) return 'frame-gone'
  if (frame.parent !== null || frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) {
    return 'sub-frame'
  }
  if (!isApp(frame.url)) return 'foreign-origin'
  return null
}

/** The error value a refused caller gets; deliberately says nothing about why. */
export const REFUSED: Result<never> = fail('INTERNAL', 'ipc-refused')

export interface BridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  window: BrowserWindow
  core: CorePort
  isApp: OriginCheck
  log: ShellLog
}

/**
 * Connects the core to the kiosk window. The input is never logged (it may be personal data), and
 * the core is not reached at all for a refused sender. Returns the function that undoes it.
 */
export function bridgeCoreToWindow({ ipcMain, window, core, isApp, log }: BridgeOptions) {
  ipcMain.handle(IPC_CHANNELS.call, async (event, method: unknown, input: unknown) => {
    const refusal = checkSender(event, window, isApp)
    if (refusal !== null) {
      log.warn('ipc.call_refused', {
        reason: refusal,
        origin: originOf(event.senderFrame?.url) ?? '(none)',
        method: typeof method === 'string' ? method.slice(0, 64) : typeof method,
      })
      return REFUSED
    }
    if (typeof method !== 'string') return fail('UNKNOWN_METHOD')
    return core.call(method, input)
  })

  const unsubscribe = core.onEvent((message) => {
    if (window.isDestroyed()) return
    const contents = window.webContents
    // Events may carry masked personal data: only a live page on the app origin gets them.
    if (contents.isDestroyed() || contents.isCrashed() || !isApp(contents.getURL())) return
    try {
      contents.send(IPC_CHANNELS.event, message)
    } catch (err) {
      log.error('ipc.event_send_failed', { event: message.event, err: String(err) })
    }
  })

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call)
    unsubscribe()
  }
}
