/**
 * One driver interface per device kind (docs/architecture.md, "Devices"; after IATA CUSS 2 / CEN XFS):
 * every driver reports a {@link DeviceStatus} (state READY / BUSY / UNAVAILABLE + status code) and
 * pushes changes; kind-specific members sit on top. Simulated drivers implement the same
 * interfaces plus {@link SimulatedControl}, which QA mode and tests use to force states.
 */
import type { IdCardData } from '../../../shared/api'
import type {
  DeviceKind,
  DeviceState,
  DeviceStatus,
  DeviceStatusCode,
} from '../../../shared/devices'

/** A status change a simulated driver is told to take on. */
export interface SimulatedStatusChange {
  code: DeviceStatusCode
  /** Default: {@link defaultStateFor}(code). */
  state?: DeviceState
  /** Staff-facing words; never shown to residents. */
  detail?: string
}

/** The hook every simulated driver has; real drivers do not (QA refuses to drive them). */
export interface SimulatedControl {
  setSimulatedState(change: SimulatedStatusChange): DeviceStatus
}

/** Which driver serves a device and where it reaches it (shown to staff with every status). */
export interface DeviceProfile {
  /** `simulated`, `ga467`, `ipp`, `cups`, `socket`, `page`, `none`. */
  driver: string
  /** A serial port, a printer queue or address, a camera label. */
  port?: string
}

/** What every driver offers, whatever its kind. */
export interface DeviceDriver<K extends DeviceKind = DeviceKind> {
  readonly kind: K
  /** `simulated`, or how a real driver reaches its device (for staff). */
  readonly description: string
  /** The hall's profile for this device (the registry adds it to every status). */
  readonly profile?: DeviceProfile
  /** The last known status (synchronous: drivers that poll keep their last answer). */
  status(): DeviceStatus
  /** Pushes every status change; returns the unsubscribe function. */
  onStatus(listener: (status: DeviceStatus) => void): () => void
  /** Present on simulated drivers only. */
  setSimulatedState?: SimulatedControl['setSimulatedState']
  /** Releases timers and sockets (core stop). */
  dispose?(): void
}

/** The card data a reader delivers (photo and address never leave the core). */
export type CardData = IdCardData

/** One read of the card on the reader. */
export type CardReadResult =
  | { ok: true; card: CardData }
  | {
      ok: false
      /** NO_CARD: nothing on the reader; READ_ERROR: the chip did not answer sensibly. */
      reason: 'NO_CARD' | 'READ_ERROR' | 'UNAVAILABLE'
    }

/** A card arriving on or leaving the reader. Carries no card data: read it with `readCard`. */
export type CardPresenceEvent = 'inserted' | 'removed'

/** ID card reader (GA 467 second-generation card readers answer the same questions). */
export interface CardReaderDriver extends DeviceDriver<'cardReader'> {
  /** A card lies on the reader now. */
  hasCard(): boolean
  /** Card arrival and removal; returns the unsubscribe function. */
  onCard(listener: (event: CardPresenceEvent) => void): () => void
  /** Reads the card on the reader. Never rejects. */
  readCard(): Promise<CardReadResult>
}

/** What the page reported about its camera (getUserMedia lives in the renderer). */
export type CameraPresence = 'ready' | 'missing' | 'denied'

/** The camera: the core never touches it; the page reports what getUserMedia gave it. */
export interface CameraDriver extends DeviceDriver<'camera'> {
  report(presence: CameraPresence): DeviceStatus
  /** The last report, or `unknown` before the page said anything. */
  presence(): CameraPresence | 'unknown'
}

/** Receipt or A4 printer, as far as the device model is concerned (printing owns the jobs). */
export type PrinterDeviceDriver = DeviceDriver<'receiptPrinter'> | DeviceDriver<'a4Printer'>

/** The driver type for each kind. */
export interface DriverByKind {
  cardReader: CardReaderDriver
  camera: CameraDriver
  receiptPrinter: DeviceDriver<'receiptPrinter'>
  a4Printer: DeviceDriver<'a4Printer'>
}

/**
 * The state a status code implies unless told otherwise: a warning (MEDIA_LOW) still serves, every
 * fault makes the device UNAVAILABLE. BUSY is only ever set explicitly (a job or read in progress).
 */
export function defaultStateFor(code: DeviceStatusCode): DeviceState {
  return code === 'OK' || code === 'MEDIA_LOW' ? 'READY' : 'UNAVAILABLE'
}

/** Builds a status object; `detail` is cut to the schema's 500 characters. */
export function makeStatus(
  kind: DeviceKind,
  state: DeviceState,
  code: DeviceStatusCode,
  since: Date,
  detail?: string,
): DeviceStatus {
  return {
    kind,
    state,
    code,
    since: since.toISOString(),
    ...(detail ? { detail: detail.slice(0, 500) } : {}),
  }
}
