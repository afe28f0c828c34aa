/**
 * Builds the two printers from configuration strings, so a hall can point the terminal at its
 * printers without code: `simulated`, `cups:<queue>` (CUPS at `cupsServer`), `ipp://…` / `ipps://…`
 * (any IPP printer or queue URL), or `socket://host:9100` (a raw ESC/POS receipt printer).
 * Simulated printers come with a QA control mapping device status codes onto their conditions.
 */
import type { DeviceStatus, DeviceStatusCode } from '../../../shared/devices'
import type { AsyncStatusSource } from '../devices/registry'
import { createIppPrinter } from './ipp-printer'
import type { PrinterDriver, PrinterKind } from './printer'
import { createRawSocketPrinter } from './raw-socket'
import { createSimulatedPrinter, type SimulatedCondition, type SimulatedPrinter } from './simulated'
import { deviceStatus } from './status'

/** The QA code → simulated condition map (codes a printer cannot take become `offline`). */
const CONDITION_FOR_CODE: Partial<Record<DeviceStatusCode, SimulatedCondition>> = {
  OK: 'ok',
  MEDIA_LOW: 'paperLow',
  MEDIA_EMPTY: 'paperOut',
  JAMMED: 'jam',
  COVER_OPEN: 'coverOpen',
  OFFLINE: 'offline',
}

export interface ConfiguredPrinter<K extends PrinterKind = PrinterKind> {
  driver: PrinterDriver
  /** The same printer as a device-registry source (with a QA control when simulated). */
  source: AsyncStatusSource<K>
  simulated: SimulatedPrinter | null
  /** What the device shows before the first status answer (known at once for simulated ones). */
  initialStatus?: DeviceStatus
}

/** A printer that is not configured: always UNAVAILABLE / NOT_CONFIGURED, refuses every job. */
function notConfigured(kind: PrinterKind, clock: () => Date): PrinterDriver {
  return {
    kind,
    description: 'not configured',
    send: async () => ({
      ok: false,
      error: { code: 'PRINTER_UNAVAILABLE', detail: 'printer not configured' },
    }),
    status: async () => deviceStatus(kind, 'UNAVAILABLE', 'NOT_CONFIGURED', clock()),
  }
}

/**
 * Creates the printer a configuration string names.
 * @throws Error for a string that names no known kind of printer (a configuration error).
 */
export function printerFromConfig<K extends PrinterKind>(
  kind: K,
  spec: string | null,
  options: { clock: () => Date; cupsServer?: string },
): ConfiguredPrinter<K> {
  const clock = options.clock
  const plain = (driver: PrinterDriver): ConfiguredPrinter<K> => ({
    driver,
    source: { kind, description: driver.description, status: () => driver.status() },
    simulated: null,
  })
  if (spec === null || spec === '') return plain(notConfigured(kind, clock))
  if (spec === 'simulated') {
    const printer = createSimulatedPrinter(kind, { clock })
    return {
      driver: printer,
      simulated: printer,
      initialStatus: deviceStatus(kind, 'READY', 'OK', clock(), 'simulated: ok'),
      source: {
        kind,
        description: printer.description,
        status: () => printer.status(),
        onChange: (listener) => printer.onChange?.(listener) ?? (() => {}),
        setSimulatedState: (change) =>
          printer.setCondition(CONDITION_FOR_CODE[change.code] ?? 'offline'),
      },
    }
  }
  if (spec.startsWith('cups:')) {
    return plain(
      createIppPrinter({ kind, queue: spec.slice(5), cupsServer: options.cupsServer, clock }),
    )
  }
  if (spec.startsWith('ipp://') || spec.startsWith('ipps://')) {
    return plain(createIppPrinter({ kind, printerUri: spec, clock }))
  }
  if (spec.startsWith('socket://')) {
    const url = new URL(spec)
    return plain(createRawSocketPrinter({ host: url.hostname, port: Number(url.port || 9100) }))
  }
  throw new Error(
    `unknown printer "${spec}": use simulated, cups:<queue>, ipp://…, or socket://host:port`,
  )
}
