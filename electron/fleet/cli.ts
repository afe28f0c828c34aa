/**
 * Runs the fleet service: `node out/main/fleet.js` (or `npx tsx electron/fleet/cli.ts`).
 *
 * Environment:
 * - `FLEET_DATABASE_URL`  a PostgreSQL server (`postgres://…`); unset: embedded PGlite in
 *                         `FLEET_DATA_DIR` (default `$KIOSK_DATA_DIR/fleet-db`, else `.kiosk-data/fleet-db`)
 * - `FLEET_PORT`, `FLEET_HOST`  where to listen (default 8791 on 127.0.0.1)
 * - `FLEET_COOKIE_SECURE=1`     mark the session cookie Secure (served over https by a proxy)
 * - `FLEET_DEMO=1`              seed the demo hall, terminals and accounts; simulate terminals
 * - `KIOSK_TERMINAL_ID` / `KIOSK_TERMINAL_KEY`  the demo terminal registered in demo mode
 *
 * Commands besides serving (secrets are read from stdin, never from arguments):
 * - `hall <id> <name> <nameEn>`
 * - `terminal <id> <hallId> <label>`         key on stdin
 * - `staff <username> <displayName> <hallStaff|hallManager> [hallId]`   password on stdin
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { consoleExtension } from './console'
import type { FleetDbLocation } from './db'
import { DEMO_STAFF, seedDemo, simulateTerminals } from './demo'
import { createFleetServer } from './server'
import { saveStaff, type StaffRole } from './staff'

function location(env: NodeJS.ProcessEnv): FleetDbLocation {
  if (env.FLEET_DATABASE_URL) return { kind: 'postgres', url: env.FLEET_DATABASE_URL }
  const dataDir = env.FLEET_DATA_DIR ?? join(env.KIOSK_DATA_DIR ?? '.kiosk-data', 'fleet-db')
  return { kind: 'pglite', dataDir: resolve(dataDir) }
}

/** The built console beside this bundle (out/main → out/console), else the checkout's out/. */
function consoleDir(): string | null {
  for (const dir of [resolve(__dirname, '../console'), resolve('out/console')]) {
    if (existsSync(join(dir, 'index.html'))) return dir
  }
  return null
}

async function readStdin(): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) text += String(chunk)
  return text.trim()
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const port = Number(env.FLEET_PORT ?? 8791)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`FLEET_PORT is not a port: ${env.FLEET_PORT}`)
  const fleet = await createFleetServer({
    database: location(env),
    port,
    host: env.FLEET_HOST ?? '127.0.0.1',
    extend: consoleExtension({
      staticDir: consoleDir(),
      secureCookie: env.FLEET_COOKIE_SECURE === '1',
    }),
  })
  const [command, ...args] = argv
  if (command) {
    try {
      if (command === 'hall' && args.length === 3) {
        await fleet.saveHall({ id: args[0]!, name: args[1]!, nameEn: args[2]! })
      } else if (command === 'terminal' && args.length === 3) {
        const key = await readStdin()
        if (key.length < 16)
          throw new Error('the terminal key (stdin) must be at least 16 characters')
        await fleet.registerTerminal({ id: args[0]!, hallId: args[1]!, label: args[2]!, key })
      } else if (command === 'staff' && (args[2] === 'hallStaff' || args[2] === 'hallManager')) {
        const password = await readStdin()
        if (password.length < 10)
          throw new Error('the password (stdin) must be at least 10 characters')
        await saveStaff(fleet.parts.db, {
          username: args[0]!,
          displayName: args[1]!,
          role: args[2] as StaffRole,
          hallId: args[3] ?? null,
          password,
        })
      } else {
        throw new Error(`unknown command or arguments: ${command} (see electron/fleet/cli.ts)`)
      }
      process.stdout.write(`fleet: ${command} saved\n`)
    } finally {
      await fleet.stop()
    }
    return
  }
  const demo = env.FLEET_DEMO === '1'
  if (demo) {
    await seedDemo(fleet, {
      id: env.KIOSK_TERMINAL_ID ?? 'FZ-GJJ-T001',
      key: env.KIOSK_TERMINAL_KEY ?? 'demo-terminal-key-not-for-production',
    })
  }
  const { url } = await fleet.start()
  const stopSimulation = demo ? simulateTerminals(url) : () => {}
  process.stdout.write(`fleet service ready: ${url}/console/\n`)
  if (demo) {
    const accounts = DEMO_STAFF.map((a) => `${a.username} / ${a.password}`).join(', ')
    process.stdout.write(`fleet console demo accounts (public, demo only): ${accounts}\n`)
  }
  const shutdown = () => {
    stopSimulation()
    fleet.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main(process.argv.slice(2), process.env).catch((err: unknown) => {
  process.stderr.write(
    `fleet service failed: ${err instanceof Error ? err.message : String(err)}\n`,
  )
  process.exit(1)
})
