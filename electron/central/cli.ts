/**
 * Runs the bundled central service on its own: `npx tsx electron/central/cli.ts`.
 *
 * Environment:
 * - `KIOSK_CENTRAL_PORT`   port on 127.0.0.1 (default 8790; 0 = any free port)
 * - `KIOSK_CENTRAL_STATE`  state file (default `$KIOSK_DATA_DIR/central-state.json`, else
 *                          `.kiosk-data/central-state.json`)
 * - `KIOSK_DATA_DIR`       see above
 * - `KIOSK_TERMINAL_ID` / `KIOSK_TERMINAL_KEY`  the terminal allowed to call (default the demo
 *                          terminal `FZ-GJJ-T001` (shared/demo.ts) with the demo key; never use it in production)
 * - `KIOSK_CENTRAL_DEMO`   `0` turns demo mode (GET /demo/sms/{phone}) off; on by default
 * - `KIOSK_CENTRAL_BIND_SETTLE_MS`  keep accepted binds pending (unbinds unbinding) this long (tests
 *                          of the one-in-flight rule); 0 by default
 * - `KIOSK_CENTRAL_SMS_PER_HOUR`    SMS sends per phone per hour (default 10; suites raise it)
 *
 * Prints one line with the URL, then serves until SIGINT or SIGTERM.
 */
import { join } from 'node:path'
import { createCentralServer } from './server'
import { DEMO_TERMINAL } from '../../shared/demo'

/** The terminal id and key a demo terminal uses when nothing is configured. */
export const DEMO_TERMINAL_ID = DEMO_TERMINAL.terminalId
export const DEMO_TERMINAL_KEY = DEMO_TERMINAL.terminalKey

/** Reads the CLI's settings from the environment. */
export function cliSettings(env: NodeJS.ProcessEnv): {
  port: number
  stateFile: string
  terminalKeys: Record<string, string>
  demo: boolean
  bindSettleMs?: number
  smsMaxPerHour?: number
} {
  const port = Number(env.KIOSK_CENTRAL_PORT ?? 8790)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`KIOSK_CENTRAL_PORT is not a port: ${env.KIOSK_CENTRAL_PORT}`)
  }
  const stateFile =
    env.KIOSK_CENTRAL_STATE ?? join(env.KIOSK_DATA_DIR ?? '.kiosk-data', 'central-state.json')
  const terminalId = env.KIOSK_TERMINAL_ID ?? DEMO_TERMINAL_ID
  const terminalKey = env.KIOSK_TERMINAL_KEY ?? DEMO_TERMINAL_KEY
  return {
    port,
    stateFile,
    terminalKeys: { [terminalId]: terminalKey },
    demo: env.KIOSK_CENTRAL_DEMO !== '0',
    ...(env.KIOSK_CENTRAL_BIND_SETTLE_MS
      ? { bindSettleMs: Number(env.KIOSK_CENTRAL_BIND_SETTLE_MS) }
      : {}),
    ...(env.KIOSK_CENTRAL_SMS_PER_HOUR
      ? { smsMaxPerHour: Number(env.KIOSK_CENTRAL_SMS_PER_HOUR) }
      : {}),
  }
}

async function main(): Promise<void> {
  const server = createCentralServer(cliSettings(process.env))
  const { url } = await server.start()
  process.stdout.write(`central service listening on ${url}\n`)
  const shutdown = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`central service failed to start: ${String(error)}\n`)
    process.exit(1)
  })
}
