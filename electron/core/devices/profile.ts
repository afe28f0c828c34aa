/**
 * The hall's hardware profile as staff see it: which driver serves each device and where it reaches
 * it (`driver` and `port` on every device status). Printer addresses lose any user and password
 * they carry: the dashboard may be seen over a shoulder.
 */
import type { DeviceProfile } from './driver'
import type { CardReaderSpec } from './card-reader-spec'

/** The profile of a printer setting (`printers-from-config.ts` spellings). */
export function printerProfile(spec: string | null): DeviceProfile {
  if (spec === null || spec === '') return { driver: 'none' }
  if (spec === 'simulated') return { driver: 'simulated' }
  if (spec.startsWith('cups:')) return { driver: 'cups', port: spec.slice(5) }
  const driver = spec.startsWith('socket://') ? 'socket' : 'ipp'
  try {
    const url = new URL(spec)
    url.username = ''
    url.password = ''
    return { driver, port: url.toString() }
  } catch {
    return { driver }
  }
}

/** The profile of a parsed card reader setting (null: not configured). */
export function cardReaderProfile(spec: CardReaderSpec | null): DeviceProfile {
  if (!spec) return { driver: 'none' }
  if (spec.driver === 'simulated') return { driver: 'simulated' }
  return { driver: 'ga467', port: `${spec.path}@${spec.baudRate}` }
}

/** The camera: the page opens it (getUserMedia), by label when the hall names one. */
export function cameraProfile(label: string | null | undefined): DeviceProfile {
  return label ? { driver: 'page', port: label } : { driver: 'page' }
}
