/**
 * Staff's "restart the app" and "exit the kiosk". The core cannot restart itself: it
 * emits `host.command` after auditing the action, and the Electron shell acts on it. Restart
 * relaunches the app and quits through the clean path (core and central stop first); exit quits.
 */
import type { App } from 'electron'
import type { EventMessage } from '../../shared/api/contract'

export interface HostCommandSource {
  onEvent(listener: (message: EventMessage) => void): () => void
}

/** Relaunches or quits on the core's `host.command`; returns the unsubscribe function. */
export function actOnHostCommands(
  app: Pick<App, 'relaunch' | 'quit'>,
  core: HostCommandSource,
): () => void {
  return core.onEvent((message) => {
    if (message.event !== 'host.command') return
    if (message.payload.command === 'restart') app.relaunch()
    app.quit()
  })
}
