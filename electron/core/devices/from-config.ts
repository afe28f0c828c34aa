/**
 * The drivers the hall's hardware profile names (card reader and camera; printers are built by
 * `printing/printers-from-config.ts`), each carrying its profile for the staff dashboard.
 */
import { parseCardReaderSpec } from './card-reader-spec'
import type { CardReaderDriver, DeviceDriver, DeviceProfile } from './driver'
import { createGa467CardReader } from './ga467/reader'
import { cameraProfile, cardReaderProfile } from './profile'
import { createReportedCamera, createSimulatedCardReader, type ReportedCamera } from './simulated'

/** Attaches the profile to a driver (the same object: QA and identity keep their reference). */
export function withProfile<T extends DeviceDriver>(driver: T, profile: DeviceProfile): T {
  return Object.assign(driver, { profile })
}

/**
 * The card reader a setting names: left out → simulated (hand-built test configs), null → none
 * (the registry reports NOT_CONFIGURED). A setting that does not parse is refused by the config
 * before it gets here; should one arrive anyway, the terminal runs without a reader.
 */
export function cardReaderFromConfig(
  spec: string | null | undefined,
  options: { clock: () => Date },
): CardReaderDriver | undefined {
  const parsed =
    spec === undefined ? { driver: 'simulated' as const } : spec && parseCardReaderSpec(spec)
  if (!parsed) return undefined
  const driver =
    parsed.driver === 'simulated'
      ? createSimulatedCardReader({ clock: options.clock })
      : createGa467CardReader({
          path: parsed.path,
          baudRate: parsed.baudRate,
          clock: options.clock,
        })
  return withProfile(driver, cardReaderProfile(parsed))
}

/** The camera driver (the page reports it) with its label, if the hall names one. */
export function cameraFromConfig(
  label: string | null | undefined,
  options: { clock: () => Date },
): ReportedCamera {
  return withProfile(createReportedCamera(options), cameraProfile(label))
}
