/**
 * Usage events for the fleet, read from the terminal's own audit log rather than from new hooks in
 * every service: a session's start and end, and for each service the first time a resident used
 * it in the session (started), its success (completed), or the session ending without one
 * (abandoned). Only the service's name, the outcome and a duration leave the terminal: never
 * the audit entry's subject or detail.
 */
import type { UsageEvent } from '../../../shared/fleet/contract'

/** The fields of an audit entry this reads. */
export interface AuditFact {
  seq: number
  at: number
  action: string
  outcome: string
}

/** Outcomes that mean the resident did not get what they came for. */
const FAILED = new Set(['failed', 'rejected', 'denied', 'error', 'unavailable', 'refused'])
/** Session end reasons that count as finished rather than walked away from. */
const FINISHED = new Set(['finish'])
const SERVICE_ACTION = /^(fund|tax|help|status)\.[A-Za-z]+/

/** The service an audited action belongs to (`fund.bind.submit` → `fund.bind`), or null. */
export function serviceOf(action: string): string | null {
  const match = SERVICE_ACTION.exec(action)
  return match ? match[0] : null
}

export interface UsageTracker {
  /** Usage events for the audit entries written since the last call. */
  take(): UsageEvent[]
}

/**
 * `entries(afterSeq)` gives the audit entries after a sequence number, oldest first. The entries
 * already in the log when the tracker starts are not reported (they were, or belong to no session
 * it saw start).
 */
export function createUsageTracker(deps: {
  entries(afterSeq: number): AuditFact[]
  head(): number
}): UsageTracker {
  let lastSeq: number | null = null
  // Durations run from the session's start: how long a resident took to get the service done.
  let session: { at: number; services: Map<string, { done: boolean }> } | null = null

  function read(entry: AuditFact, out: UsageEvent[]): void {
    let n = 0
    const event = (service: string, kind: UsageEvent['kind'], since: number | null) =>
      out.push({
        eventId: `audit-${entry.seq}-${n++}`,
        at: new Date(entry.at).toISOString(),
        service,
        kind,
        durationMs: since === null ? null : Math.max(0, Math.min(entry.at - since, 86_400_000)),
      })
    if (entry.action === 'session.start') {
      session = { at: entry.at, services: new Map() }
      event('session', 'started', null)
      return
    }
    if (entry.action === 'session.end') {
      if (!session) return
      for (const [service, state] of session.services) {
        if (!state.done) event(service, 'abandoned', session.at)
      }
      event('session', FINISHED.has(entry.outcome) ? 'completed' : 'abandoned', session.at)
      session = null
      return
    }
    const service = serviceOf(entry.action)
    if (!service || !session) return
    let state = session.services.get(service)
    if (!state) {
      state = { done: false }
      session.services.set(service, state)
      event(service, 'started', null)
    }
    if (!state.done && !FAILED.has(entry.outcome)) {
      state.done = true
      event(service, 'completed', session.at)
    }
  }

  return {
    take() {
      if (lastSeq === null) {
        lastSeq = deps.head()
        return []
      }
      const out: UsageEvent[] = []
      for (const entry of deps.entries(lastSeq)) {
        read(entry, out)
        lastSeq = Math.max(lastSeq, entry.seq)
      }
      return out
    },
  }
}
