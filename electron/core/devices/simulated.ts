/**
 * Simulated drivers for all four device kinds: first-class drivers (docs/architecture.md, "Devices"), used
 * in demo and QA mode and by the tests, and driven through `qa.*` and {@link SimulatedControl}.
 * Real drivers are added beside them behind the same interfaces.
 */
import type {
  DeviceKind,
  DeviceState,
  DeviceStatus,
  DeviceStatusCode,
} from '../../../shared/devices'
import {
  defaultStateFor,
  makeStatus,
  type CameraDriver,
  type CameraPresence,
  type CardData,
  type CardPresenceEvent,
  type CardReadResult,
  type CardReaderDriver,
  type DeviceDriver,
  type SimulatedControl,
  type SimulatedStatusChange,
} from './driver'

/** A status that changes only through `set`, announcing each real change once (real drivers too). */
export interface StatusCell {
  get(): DeviceStatus
  set(state: DeviceState, code: DeviceStatusCode, detail?: string): DeviceStatus
  subscribe(listener: (status: DeviceStatus) => void): () => void
  clear(): void
}

/** Creates a {@link StatusCell} starting at the given status. */
export function createStatusCell(
  kind: DeviceKind,
  clock: () => Date,
  state: DeviceState,
  code: DeviceStatusCode,
  detail?: string,
): StatusCell {
  let current = makeStatus(kind, state, code, clock(), detail)
  const listeners = new Set<(status: DeviceStatus) => void>()
  return {
    get: () => current,
    set(nextState, nextCode, nextDetail) {
      if (
        current.state === nextState &&
        current.code === nextCode &&
        current.detail === (nextDetail?.slice(0, 500) || undefined)
      ) {
        return current
      }
      current = makeStatus(kind, nextState, nextCode, clock(), nextDetail)
      for (const listener of [...listeners]) listener(current)
      return current
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear: () => listeners.clear(),
  }
}

const applyChange = (cell: StatusCell, change: SimulatedStatusChange): DeviceStatus =>
  cell.set(change.state ?? defaultStateFor(change.code), change.code, change.detail)

/** The simulated card reader: a card is put on it and taken off by QA or a test. */
export type SimulatedCardReader = CardReaderDriver &
  SimulatedControl & {
    /** Puts a card on the reader (replacing any card there). `unreadable`: every read fails. */
    insertCard(card: CardData, options?: { unreadable?: boolean }): void
    /** Takes the card away; false when there was none. */
    removeCard(): boolean
  }

export interface SimulatedCardReaderOptions {
  clock: () => Date
  /** How long a read keeps the reader BUSY (default 0: the next tick). */
  readDelayMs?: number
}

/**
 * Creates the simulated card reader. It is READY with no card; `setSimulatedState({ code:
 * 'OFFLINE' })` is "reader unplugged". Reads return a copy, so the reader is the only holder of the
 * card data and `removeCard` drops it.
 */
export function createSimulatedCardReader(
  options: SimulatedCardReaderOptions,
): SimulatedCardReader {
  const cell = createStatusCell('cardReader', options.clock, 'READY', 'OK')
  const cardListeners = new Set<(event: CardPresenceEvent) => void>()
  let slot: { card: CardData; unreadable: boolean } | null = null

  const announce = (event: CardPresenceEvent) => {
    for (const listener of [...cardListeners]) listener(event)
  }

  return {
    kind: 'cardReader',
    description: 'simulated',
    status: cell.get,
    onStatus: cell.subscribe,
    setSimulatedState: (change) => applyChange(cell, change),
    hasCard: () => slot !== null,
    onCard(listener) {
      cardListeners.add(listener)
      return () => {
        cardListeners.delete(listener)
      }
    },
    insertCard(card, insertOptions) {
      slot = { card: { ...card }, unreadable: insertOptions?.unreadable ?? false }
      announce('inserted')
    },
    removeCard() {
      if (!slot) return false
      slot = null
      announce('removed')
      return true
    },
    async readCard(): Promise<CardReadResult> {
      const before = cell.get()
      if (before.state === 'UNAVAILABLE') return { ok: false, reason: 'UNAVAILABLE' }
      const reading = slot
      if (!reading) return { ok: false, reason: 'NO_CARD' }
      const busy = cell.set('BUSY', before.code, 'READING_CARD')
      await new Promise((resolve) => setTimeout(resolve, options.readDelayMs ?? 0))
      // QA may have changed the state meanwhile; only undo our own BUSY.
      if (cell.get() === busy) cell.set(before.state, before.code, before.detail)
      if (cell.get().state === 'UNAVAILABLE') return { ok: false, reason: 'UNAVAILABLE' }
      if (slot !== reading || reading.unreadable) return { ok: false, reason: 'READ_ERROR' }
      return { ok: true, card: { ...reading.card } }
    },
    dispose() {
      cell.clear()
      cardListeners.clear()
      slot = null
    },
  }
}

/** The camera as the page reports it; QA can also force a status. */
export type ReportedCamera = CameraDriver & SimulatedControl

/**
 * Creates the camera driver. The core cannot see the camera (getUserMedia runs in the renderer), so
 * this is the real driver as well as the simulated one: it starts UNAVAILABLE / NOT_RESPONDING until
 * the page reports (`devices.reportCamera`), then follows the reports.
 */
export function createReportedCamera(options: { clock: () => Date }): ReportedCamera {
  const cell = createStatusCell(
    'camera',
    options.clock,
    'UNAVAILABLE',
    'NOT_RESPONDING',
    'NO_PAGE_REPORT',
  )
  let reported = false
  return {
    kind: 'camera',
    description: 'page (getUserMedia)',
    status: cell.get,
    onStatus: cell.subscribe,
    setSimulatedState(change) {
      reported = true
      return applyChange(cell, change)
    },
    report(presence: CameraPresence) {
      reported = true
      if (presence === 'ready') return cell.set('READY', 'OK')
      if (presence === 'denied')
        return cell.set('UNAVAILABLE', 'PERMISSION_DENIED', 'CAMERA_REFUSED')
      return cell.set('UNAVAILABLE', 'OFFLINE', 'NO_CAMERA_FOUND')
    },
    presence() {
      const s = cell.get()
      if (!reported) return 'unknown'
      if (s.state !== 'UNAVAILABLE') return 'ready'
      return s.code === 'PERMISSION_DENIED' ? 'denied' : 'missing'
    },
    dispose: cell.clear,
  }
}

/** A simulated receipt or A4 printer: READY until QA says otherwise (paper low, out, jammed…). */
export type SimulatedPrinter<K extends 'receiptPrinter' | 'a4Printer'> = DeviceDriver<K> &
  SimulatedControl

/** Creates a simulated printer of `kind` (the print path's own simulated printers adapt to this). */
export function createSimulatedPrinter<K extends 'receiptPrinter' | 'a4Printer'>(
  kind: K,
  options: { clock: () => Date },
): SimulatedPrinter<K> {
  const cell = createStatusCell(kind, options.clock, 'READY', 'OK')
  return {
    kind,
    description: 'simulated',
    status: cell.get,
    onStatus: cell.subscribe,
    setSimulatedState: (change) => applyChange(cell, change),
    dispose: cell.clear,
  }
}

/** One simulated driver per kind. */
export interface SimulatedDrivers {
  cardReader: SimulatedCardReader
  camera: ReportedCamera
  receiptPrinter: SimulatedPrinter<'receiptPrinter'>
  a4Printer: SimulatedPrinter<'a4Printer'>
}

/** Creates the full simulated set (demo and QA mode, tests). */
export function createSimulatedDrivers(options: {
  clock: () => Date
  readDelayMs?: number
}): SimulatedDrivers {
  return {
    cardReader: createSimulatedCardReader(options),
    camera: createReportedCamera(options),
    receiptPrinter: createSimulatedPrinter('receiptPrinter', options),
    a4Printer: createSimulatedPrinter('a4Printer', options),
  }
}

/** True for a card reader QA can put cards on. */
export function isSimulatedCardReader(driver: CardReaderDriver): driver is SimulatedCardReader {
  return 'insertCard' in driver && 'removeCard' in driver
}
