/**
 * The terminal's live status: connection, sync freshness, devices, out-of-service and staff-facing
 * issues, with the service availability derived from them. Every module that learns something
 * reports it here; a change is announced once as a `terminal.status` event.
 */
import type { ConnectionState, TerminalStatus } from '../../../shared/api'
import type { DeviceStatus } from '../../../shared/devices'
import {
  serviceAvailability,
  type AvailabilityInputs,
  type ServiceSpec,
  SERVICES,
} from '../../../shared/services'

export interface StatusFacts {
  connection: ConnectionState
  lastSyncAt: string | null
  dataUpdatedAt: string | null
  outOfService: { message: string } | null
  /** Calls staff set off for, from the hall console (absent until the first). */
  staffComing?: string[]
  /** Staff opened services outside their hours until this instant (ISO), or null. */
  hoursOverride: { until: string } | null
  /** Services outside their hours (computed by the hours watch; not sent as such). */
  closed: NonNullable<AvailabilityInputs['closed']>
  devices: DeviceStatus[]
  issues: { code: string; at: string; fields?: string[]; detail?: string; repeats?: number }[]
}

function sameIssue(a: StatusFacts['issues'][number], b: StatusFacts['issues'][number]): boolean {
  return (
    a.code === b.code &&
    a.detail === b.detail &&
    (a.fields ?? []).join('\n') === (b.fields ?? []).join('\n')
  )
}

export interface TerminalStatusTracker {
  snapshot(): TerminalStatus
  /** Merges new facts; emits `terminal.status` if anything visible changed. */
  update(patch: Partial<StatusFacts>): void
  setDevice(status: DeviceStatus): void
  /**
   * Records a staff-facing issue; `fields` names what it is about (never values), `detail` is a
   * code-like cause such as `ENOSPC`.
   */
  addIssue(code: string, at: Date, fields?: string[], detail?: string): void
  /** Removes every issue but the ones `keep` names; returns how many went. */
  clearIssues(keep: (code: string) => boolean): number
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
    hoursOverride: null,
    closed: {},
    devices: [],
    issues: [],
  }
  const compute = (): TerminalStatus => {
    const { closed, ...shown } = facts
    return {
      ...shown,
      services: serviceAvailability(
        {
          centralOnline: facts.connection === 'online',
          outOfService: facts.outOfService !== null,
          closed,
          devices: facts.devices,
        },
        catalogue,
      ),
    }
  }
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
    addIssue(code, at, fields, detail) {
      // Keep the newest few; the supervisor dashboard has the full history in the audit log.
      const issue: StatusFacts['issues'][number] = {
        code,
        at: at.toISOString(),
        ...(fields?.length ? { fields } : {}),
        ...(detail && /^[A-Z0-9_]{1,32}$/.test(detail) ? { detail } : {}),
      }
      // The same issue again (a run of failed audit rows on a full disk) is counted, not listed
      // again, so it does not push the other issues out.
      const last = facts.issues.at(-1)
      if (last && sameIssue(last, issue)) {
        const repeated = { ...issue, repeats: (last.repeats ?? 1) + 1 }
        update({ issues: [...facts.issues.slice(0, -1), repeated] })
        return
      }
      update({ issues: [...facts.issues, issue].slice(-10) })
    },
    clearIssues(keep) {
      const kept = facts.issues.filter((i) => keep(i.code))
      const cleared = facts.issues.length - kept.length
      update({ issues: kept })
      return cleared
    },
  }
}
