/** Keeps the kiosk's display awake: a terminal whose screen sleeps looks out of service. */
import type { PowerSaveBlocker } from 'electron'

/** Starts a `prevent-display-sleep` blocker; returns the function that releases it. */
export function preventDisplaySleep(blocker: PowerSaveBlocker): () => void {
  const id = blocker.start('prevent-display-sleep')
  return () => {
    if (blocker.isStarted(id)) blocker.stop(id)
  }
}
