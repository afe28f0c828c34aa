/**
 * What the supervisor dashboard shows (docs/architecture.md, "Layers"), gathered from the status tracker, the sync
 * engine, the outbox, the audit log (today's sessions and services) and the disk. Masked only:
 * call-staff requests carry masked identity, the audit rows read here are counted, not shown.
 */
import type { SupervisorDashboard } from '../../../shared/api/methods/supervisor'
import type { CoreConfig } from '../config'
import type { DiskSpace } from '../data/disk-space'
import type { TerminalData } from '../data/terminal-data'
import type { HelpDesk } from '../help/help-desk'
import type { SyncEngine } from '../sync'
import type { TerminalStatusTracker } from '../terminal/status'

export interface DashboardDeps {
  config: Pick<CoreConfig, 'terminalId' | 'version' | 'host' | 'demo' | 'dataDir' | 'clock'>
  status: TerminalStatusTracker
  data: TerminalData | null
  sync: SyncEngine | null
  help: HelpDesk
  startedAt: Date
  /** Looks at the data disk now (and raises DISK_LOW if it is low); null when it cannot. */
  disk: () => Promise<DiskSpace | null>
}

/** Local midnight of `at` (the hall's day), epoch ms. */
export function startOfDay(at: Date): number {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime()
}

export async function buildDashboard(deps: DashboardDeps): Promise<SupervisorDashboard> {
  const { config } = deps
  const now = config.clock()
  const status = deps.status.snapshot()
  const data = deps.data
  const syncState = deps.sync?.state() ?? null
  const oldest = data?.outbox.oldest()
  const midnight = startOfDay(now)
  const today = data
    ? data.store.all<{ action: string; n: number }>(
        `SELECT action, COUNT(*) AS n FROM audit_log WHERE at >= ? GROUP BY action ORDER BY n DESC, action`,
        [midnight],
      )
    : []
  const rejected =
    data?.store.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('rejected', 'conflict')",
    )?.n ?? 0
  return {
    terminalId: config.terminalId,
    version: config.version,
    host: config.host,
    demo: config.demo,
    startedAt: deps.startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000)),
    connection: status.connection,
    lastSyncAt: status.lastSyncAt,
    dataUpdatedAt: status.dataUpdatedAt,
    lastSyncError: syncState?.lastError ?? null,
    outbox: {
      depth: data?.outbox.depth() ?? 0,
      oldestAt: oldest ? new Date(oldest.createdAt).toISOString() : null,
      oldestKind: oldest?.kind ?? null,
      rejected,
    },
    devices: status.devices,
    disk: (await deps.disk()) ?? { freeBytes: null, totalBytes: null },
    today: {
      sessions: today.find((r) => r.action === 'session.start')?.n ?? 0,
      services: today
        .filter((r) => !/^(session|supervisor|identity|audit|store)\./.test(r.action))
        .map((r) => ({ action: r.action, count: r.n })),
    },
    callStaff: deps.help.openCalls(),
    outOfService: status.outOfService,
    issues: status.issues,
    storeAvailable: data !== null,
  }
}
