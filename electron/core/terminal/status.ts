/**
 * The terminal's live status: connection, sync freshness, devices, out-of-service and staff-facing
 * issues, with the service availability derived from them. Every module that learns something
 * reports it here; a change is announced once as a `terminal.status` event.
 */
import type { ConnectionState, TerminalStatus } from '../../../shared/api'
import type { DeviceStatus } from '../../../shared/devices'
import { serviceAvailability, type ServiceSpec, SERVICES } from '../../../shared/services'

export interface StatusFacts {
  connection: ConnectionState
  lastSyncAt: string | null
  dataUpdatedAt: string | null
  outOfService: { message: string } | null
  devices: DeviceStatus[]
  issues: { code: string; at: string; fields?: string[] }[]
}

export interface TerminalStatusTracker {
  snapshot(): TerminalStatus
  /** Merges new facts; emits `terminal.status` if anything visible changed. */
  update(patch: Partial<StatusFacts>): void
  setDevice(status: DeviceStatus): void
  /** Records a staff-facing issue; `fields` names what it is about (never values). */
  addIssue(code: string, at: Date, fields?: string[]): void
}

export function createStatusTracker(
  emit: (status: TerminalStatus) => void,
  catalogue: readonly ServiceSpec[] = SERVICES,
): TerminalStatusTracker {
  let facts: StatusFacts = {
    connection: 'unknown',
    lastSyncAt: null,
    dataUpdatedAt: null,
    outOfService: null,
    devices: [],
    issues: [],
  }
  const compute = (): TerminalStatus => ({
    ...facts,
    services: serviceAvailability(
      {
        centralOnline: facts.connection === 'online',
        outOfService: facts.outOfService !== null,
        devices: facts.devices,
      },
      catalogue,
    ),
  })
  let last = JSON.stringify(compute())

  const update = (patch: Partial<StatusFacts>) => {
    facts = { ...facts, ...patch }
    const next = compute()
    const serialized = JSON.stringify(next)
    if (serialized === last) return
    last = serialized
    emit(next)
  }

  return {
    snapshot: compute,
    update,
    setDevice(status) {
      update({ devices: [...facts.devices.filter((d) => d.kind !== status.kind), status] })
    },
    addIssue(code, at, fields) {
      // Keep the newest few; the supervisor dashboard has the full history in the audit log.
      const issue = { code, at: at.toISOString(), ...(fields?.length ? { fields } : {}) }
      update({ issues: [...facts.issues, issue].slice(-10) })
    },
  }
}
