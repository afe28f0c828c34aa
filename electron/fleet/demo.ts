/**
 * The demo hall (`npm start`): the demo terminal and five simulated ones in the demo hall, one
 * more in a second hall, a demo manager and a hall-staff account (their passwords are public,
 * printed at start like the demo staff PIN), a week of usage, and the simulated terminals
 * heartbeating over real signed HTTP like real ones, so the console shows a living hall.
 */
import { randomUUID } from 'node:crypto'
import { signRequest } from '../../shared/central/signing'
import { DEMO_TERMINAL } from '../../shared/demo'
import {
  FLEET_PATHS,
  FleetHeartbeatAnswer,
  type FleetHeartbeat,
  type UsageEvent,
} from '../../shared/fleet/contract'
import type { FleetServer } from './server'
import { saveStaff } from './staff'
import { recordUsage } from './terminal-store'

export const DEMO_HALL = {
  id: 'gulou',
  name: DEMO_TERMINAL.hallName,
  nameEn: DEMO_TERMINAL.hallNameEn,
}
const SECOND_HALL = { id: 'cangshan', name: '仓山服务大厅', nameEn: 'Cangshan Hall' }
/** Public demo accounts: never for a real hall (FLEET_DEMO only). */
export const DEMO_STAFF = [
  {
    username: 'demo-manager',
    password: 'fleet-demo-2468',
    displayName: '演示主管',
    role: 'hallManager',
    hallId: null,
  },
  {
    username: 'demo-staff',
    password: 'fleet-demo-1357',
    displayName: '演示工作人员',
    role: 'hallStaff',
    hallId: DEMO_HALL.id,
  },
] as const

interface Simulated {
  id: string
  hallId: string
  label: string
  /** What is wrong with it, for the demo's variety. */
  trouble: 'none' | 'paperLow' | 'paperOut' | 'backlog' | 'silent'
}
const SIMULATED: Simulated[] = [
  { id: 'FZ-GJJ-T002', hallId: DEMO_HALL.id, label: '2 号机', trouble: 'none' },
  { id: 'FZ-GJJ-T003', hallId: DEMO_HALL.id, label: '3 号机', trouble: 'paperLow' },
  { id: 'FZ-GJJ-T004', hallId: DEMO_HALL.id, label: '4 号机', trouble: 'backlog' },
  { id: 'FZ-GJJ-T005', hallId: DEMO_HALL.id, label: '5 号机', trouble: 'silent' },
  { id: 'FZ-GJJ-T006', hallId: DEMO_HALL.id, label: '6 号机', trouble: 'paperOut' },
  { id: 'FZ-CS-T001', hallId: SECOND_HALL.id, label: '1 号机', trouble: 'none' },
]
const SERVICES = ['fund.query', 'fund.statement', 'fund.bind', 'tax.records', 'tax.certificate']

const keyOf = (id: string) => `demo-fleet-sim-key-${id}`

/** Registers the demo halls, terminals and accounts (idempotent: a restart seeds the same). */
export async function seedDemo(
  fleet: FleetServer,
  terminal: { id: string; key: string } = {
    id: DEMO_TERMINAL.terminalId,
    key: DEMO_TERMINAL.terminalKey,
  },
): Promise<void> {
  await fleet.saveHall(DEMO_HALL)
  await fleet.saveHall(SECOND_HALL)
  await fleet.registerTerminal({
    id: terminal.id,
    hallId: DEMO_HALL.id,
    label: '1 号机',
    key: terminal.key,
  })
  for (const sim of SIMULATED) {
    await fleet.registerTerminal({
      id: sim.id,
      hallId: sim.hallId,
      label: sim.label,
      key: keyOf(sim.id),
    })
  }
  for (const account of DEMO_STAFF) await saveStaff(fleet.parts.db, account)
  const [{ n }] = await fleet.parts.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM usage_events',
  )
  if (n === 0) await seedUsage(fleet)
}

/** A week of plausible usage for the simulated terminals (the charts are not empty). */
async function seedUsage(fleet: FleetServer): Promise<void> {
  const now = fleet.parts.clock().getTime()
  for (const sim of SIMULATED) {
    const events: UsageEvent[] = []
    for (let day = 7; day >= 1; day--) {
      for (let i = 0; i < 12; i++) {
        const start = now - day * 86_400_000 + (i - 6) * 1800_000 + ((i * 7919) % 1800) * 1000
        const service = SERVICES[(i + day) % SERVICES.length]!
        const done = (i + day) % 5 !== 0
        const took = 60_000 + ((i * 104_729) % 180) * 1000
        events.push(
          {
            eventId: randomUUID(),
            at: new Date(start).toISOString(),
            service,
            kind: 'started',
            durationMs: null,
          },
          {
            eventId: randomUUID(),
            at: new Date(start + took).toISOString(),
            service,
            kind: done ? 'completed' : 'abandoned',
            durationMs: took,
          },
        )
      }
    }
    for (let i = 0; i < events.length; i += 200) {
      await recordUsage(
        fleet.parts.db,
        { id: sim.id, hallId: sim.hallId },
        events.slice(i, i + 200),
      )
    }
  }
}

/** Heartbeats of the simulated terminals; they obey out of service and resume. Returns stop. */
export function simulateTerminals(baseUrl: string, everyMs = 15_000): () => void {
  const state = new Map(
    SIMULATED.map((s) => [
      s.id,
      { outOfService: null as { message: string } | null, acks: [] as number[] },
    ]),
  )
  const startedAt = new Date().toISOString()
  async function beat(sim: Simulated): Promise<void> {
    const own = state.get(sim.id)!
    const paper =
      sim.trouble === 'paperLow' ? 'MEDIA_LOW' : sim.trouble === 'paperOut' ? 'MEDIA_EMPTY' : 'OK'
    const body: FleetHeartbeat = {
      appVersion: '0.1.0',
      startedAt,
      uptimeSeconds: Math.floor((Date.now() - Date.parse(startedAt)) / 1000),
      mode: 'demo',
      connection: 'online',
      outboxPending: sim.trouble === 'backlog' ? 23 : 0,
      outboxRejected: 0,
      lastSyncAt: new Date().toISOString(),
      devices: [
        {
          kind: 'receiptPrinter',
          state: paper === 'MEDIA_EMPTY' ? 'UNAVAILABLE' : 'READY',
          status: paper,
        },
        { kind: 'a4Printer', state: 'READY', status: 'OK' },
        { kind: 'cardReader', state: 'READY', status: 'OK' },
      ],
      issues: [],
      auditHead: null,
      outOfService: own.outOfService,
      openCalls: [],
      sessionActive: false,
      droppedReports: 0,
      ackCommands: own.acks.splice(0),
    }
    const text = JSON.stringify(body)
    const headers = await signRequest({
      method: 'POST',
      pathWithQuery: FLEET_PATHS.heartbeat,
      body: text,
      terminalId: sim.id,
      key: keyOf(sim.id),
    })
    const response = await fetch(baseUrl + FLEET_PATHS.heartbeat, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
    })
    const answer = FleetHeartbeatAnswer.safeParse(await response.json())
    if (!answer.success) return
    for (const command of answer.data.commands) {
      own.acks.push(command.id)
      if (command.kind === 'outOfService') own.outOfService = { message: command.message }
      if (command.kind === 'resume') own.outOfService = null
    }
  }
  const beatAll = () => {
    for (const sim of SIMULATED) {
      if (sim.trouble === 'silent' && Date.now() - Date.parse(startedAt) > 1000) continue
      void beat(sim).catch(() => {})
    }
  }
  beatAll()
  const timer = setInterval(beatAll, everyMs)
  return () => clearInterval(timer)
}
