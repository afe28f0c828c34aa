/**
 * Starts the bundled central service for a terminal in demo mode (no `KIOSK_CENTRAL_URL`), on
 * loopback, with its state beside the terminal's data. Hosts call this; the core never does (it
 * only knows a URL). With a configured central address it does nothing.
 */
import { join } from 'node:path'
import { createCentralServer } from './server'

export interface CentralConfigSlice {
  centralUrl: string | null
  demo: boolean
  dataDir: string
  terminalId: string
  terminalKey: string
}

export interface RunningCentral {
  /** The central service's base URL (the configured one, or the bundled one's). */
  url: string | null
  /** True when this process started the bundled service. */
  bundled: boolean
  stop(): Promise<void>
}

export async function startCentralIfNeeded(
  config: CentralConfigSlice,
  env: NodeJS.ProcessEnv,
): Promise<RunningCentral> {
  if (config.centralUrl) return { url: config.centralUrl, bundled: false, stop: async () => {} }
  const server = createCentralServer({
    stateFile: join(config.dataDir, 'central', 'central-state.json'),
    terminalKeys: { [config.terminalId]: config.terminalKey },
    demo: true,
    port: Number(env.KIOSK_CENTRAL_PORT ?? 8790),
    ...(env.KIOSK_CENTRAL_SMS_PER_HOUR
      ? { smsMaxPerHour: Number(env.KIOSK_CENTRAL_SMS_PER_HOUR) }
      : {}),
  })
  const { url } = await server.start()
  return { url, bundled: true, stop: () => server.stop() }
}
