/**
 * The core's devices as the hall configured them: the two printers (a bad printer setting leaves
 * that printer "not configured", and its services say so, instead of stopping the terminal), the
 * card reader and the camera, in one registry whose every change reaches the status bar and the
 * event stream.
 */
import type { CoreConfig } from './config'
import type { EventBus } from './events'
import { describeError, type Logger } from './log'
import type { TerminalStatusTracker } from './terminal/status'
import {
  adaptAsyncStatusDriver,
  createDeviceRegistry,
  type AsyncStatusSource,
  type DeviceRegistry,
} from './devices'
import type { DriverByKind } from './devices/driver'
import { cameraFromConfig, cardReaderFromConfig, withProfile } from './devices/from-config'
import { printerProfile } from './devices/profile'
import type { PrinterKind } from './printing/printer'
import { printerFromConfig, type ConfiguredPrinter } from './printing/printers-from-config'

/** The printers as configured; `simulated` is set for simulated ones (QA and tests). */
export interface Printers {
  receiptPrinter: ConfiguredPrinter<'receiptPrinter'>
  a4Printer: ConfiguredPrinter<'a4Printer'>
}

/** Builds the printers and the device registry; `drivers` replace configured ones (tests). */
export function createCoreDevices(
  config: CoreConfig,
  drivers: Partial<DriverByKind> | undefined,
  deps: { log: Logger; status: TerminalStatusTracker; bus: EventBus },
): { printers: Printers; devices: DeviceRegistry } {
  const { log, status, bus } = deps
  const printerSpecs: Record<PrinterKind, string | null> = {
    receiptPrinter: config.printers.receipt,
    a4Printer: config.printers.a4,
  }
  const printer = <K extends PrinterKind>(kind: K): ConfiguredPrinter<K> => {
    try {
      return printerFromConfig(kind, printerSpecs[kind], {
        clock: config.clock,
        cupsServer: config.printers.cupsServer,
      })
    } catch (err) {
      log.error('printer.config_invalid', { kind, err: describeError(err) })
      status.addIssue('PRINTER_CONFIG_INVALID', config.clock())
      printerSpecs[kind] = null
      return printerFromConfig(kind, null, { clock: config.clock })
    }
  }
  const printers: Printers = {
    receiptPrinter: printer('receiptPrinter'),
    a4Printer: printer('a4Printer'),
  }
  const printerDevice = <K extends PrinterKind>(kind: K) =>
    withProfile(
      adaptAsyncStatusDriver(printers[kind].source as AsyncStatusSource<K>, {
        clock: config.clock,
        initial: printers[kind].initialStatus,
      }),
      printerProfile(printerSpecs[kind]),
    )
  // The card reader and camera from the hall's hardware profile (simulated, or a GA 467 reader).
  const cardReader = cardReaderFromConfig(config.cardReader, { clock: config.clock })
  const devices = createDeviceRegistry({
    drivers: {
      ...(cardReader ? { cardReader } : {}),
      camera: cameraFromConfig(config.cameraLabel, { clock: config.clock }),
      receiptPrinter: printerDevice('receiptPrinter'),
      a4Printer: printerDevice('a4Printer'),
      ...drivers,
    },
    clock: config.clock,
  })
  for (const device of devices.list()) status.setDevice(device)
  devices.subscribe((device) => {
    status.setDevice(device)
    bus.emit('device.changed', device)
  })
  return { printers, devices }
}
