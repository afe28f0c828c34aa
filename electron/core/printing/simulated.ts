/**
 * Simulated printers for QA and tests (docs/architecture.md, "Devices": simulated drivers are
 * first-class). A
 * condition is set from the QA panel or a test (paper low, paper out, jam, cover open, offline);
 * jobs are kept in memory so a test can decode exactly what would have been printed.
 */
import type { DeviceStatus } from '../../../shared/devices'
import type { PrinterDriver, PrinterJob, PrinterKind, SendOutcome } from './printer'
import { deviceStatus } from './status'

/** Conditions a simulated printer can be put in. */
export const SIMULATED_CONDITIONS = [
  'ok',
  'paperLow',
  'paperOut',
  'jam',
  'coverOpen',
  'offline',
] as const
export type SimulatedCondition = (typeof SIMULATED_CONDITIONS)[number]

/** A job the simulated printer received. */
export interface SimulatedJob {
  jobId: string
  jobName: string
  documentFormat: PrinterJob['documentFormat']
  data: Uint8Array
  at: string
  outcome: 'printed' | 'failed'
}

/** A simulated printer: a driver plus the QA controls. */
export interface SimulatedPrinter extends PrinterDriver {
  /** Puts the printer in a condition; listeners hear the new status at once. */
  setCondition(condition: SimulatedCondition): void
  readonly condition: SimulatedCondition
  /** The next job stops midway with this condition (paper runs out, paper jams, …). */
  failNextJob(condition: Exclude<SimulatedCondition, 'ok' | 'paperLow'>): void
  /** Time each job takes, to show "printing…" and to test timeouts. */
  setJobDelay(ms: number): void
  readonly jobs: readonly SimulatedJob[]
  clearJobs(): void
}

const CONDITION_STATUS: Record<
  SimulatedCondition,
  { state: DeviceStatus['state']; code: DeviceStatus['code'] }
> = {
  ok: { state: 'READY', code: 'OK' },
  paperLow: { state: 'READY', code: 'MEDIA_LOW' },
  paperOut: { state: 'UNAVAILABLE', code: 'MEDIA_EMPTY' },
  jam: { state: 'UNAVAILABLE', code: 'JAMMED' },
  coverOpen: { state: 'UNAVAILABLE', code: 'COVER_OPEN' },
  offline: { state: 'UNAVAILABLE', code: 'OFFLINE' },
}

/** Options for {@link createSimulatedPrinter}. */
export interface SimulatedPrinterOptions {
  condition?: SimulatedCondition
  jobDelayMs?: number
  clock?: () => Date
}

/** Creates a simulated receipt or A4 printer. */
export function createSimulatedPrinter(
  kind: PrinterKind,
  options: SimulatedPrinterOptions = {},
): SimulatedPrinter {
  const clock = options.clock ?? (() => new Date())
  let condition: SimulatedCondition = options.condition ?? 'ok'
  let since = clock()
  let jobDelayMs = options.jobDelayMs ?? 0
  let failNext: SimulatedCondition | undefined
  let busy = 0
  let counter = 0
  const jobs: SimulatedJob[] = []
  const listeners = new Set<(status: DeviceStatus) => void>()

  const current = (): DeviceStatus => {
    const { state, code } = CONDITION_STATUS[condition]
    const shown = state === 'READY' && busy > 0 ? 'BUSY' : state
    return deviceStatus(kind, shown, code, since, `simulated: ${condition}`)
  }
  const emit = () => {
    const status = current()
    for (const listener of [...listeners]) listener(status)
  }
  const change = (next: SimulatedCondition) => {
    if (next === condition) return
    condition = next
    since = clock()
    emit()
  }

  return {
    kind,
    description: `simulated ${kind}`,
    get condition() {
      return condition
    },
    get jobs() {
      return jobs
    },
    setCondition: change,
    failNextJob(next) {
      failNext = next
    },
    setJobDelay(ms) {
      jobDelayMs = ms
    },
    clearJobs() {
      jobs.length = 0
    },
    async status() {
      return current()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async send(job): Promise<SendOutcome> {
      const before = current()
      if (before.state === 'UNAVAILABLE')
        return {
          ok: false,
          error: { code: 'PRINTER_UNAVAILABLE', detail: `simulated: ${condition}`, status: before },
        }
      const jobId = `sim-${kind}-${++counter}`
      job.onAccepted?.(jobId)
      busy += 1
      try {
        if (jobDelayMs > 0) await new Promise((r) => setTimeout(r, jobDelayMs))
      } finally {
        busy -= 1
      }
      const record = (outcome: SimulatedJob['outcome']) =>
        jobs.push({
          jobId,
          jobName: job.jobName,
          documentFormat: job.documentFormat,
          data: job.data,
          at: clock().toISOString(),
          outcome,
        })
      if (failNext) {
        const midway = failNext
        failNext = undefined
        change(midway)
        record('failed')
        return {
          ok: false,
          error: {
            code: 'PRINT_FAILED',
            detail: `simulated: ${midway} during job ${jobId}`,
            status: current(),
          },
        }
      }
      record('printed')
      return { ok: true, jobId }
    },
  }
}
