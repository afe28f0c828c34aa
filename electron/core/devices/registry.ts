/**
 * The device registry: one driver per kind, their live statuses, and one subscription for every
 * change. The core pushes each change into the terminal status (so service tiles follow) and
 * announces it as `device.changed`. Drivers come from outside (simulated by default; printing hands
 * in its printers), so real drivers slot in without touching this file.
 */
import { DEVICE_KINDS, type DeviceKind, type DeviceStatus } from '../../../shared/devices'
import {
  makeStatus,
  type DeviceDriver,
  type DriverByKind,
  type SimulatedStatusChange,
} from './driver'

export interface DeviceRegistry {
  /** Every kind's current status, in {@link DEVICE_KINDS} order; a kind without a driver is NOT_CONFIGURED. */
  list(): DeviceStatus[]
  /** The driver of `kind`, if the terminal has one. */
  get<K extends DeviceKind>(kind: K): DriverByKind[K] | undefined
  /** Every status change of every driver; returns the unsubscribe function. */
  subscribe(listener: (status: DeviceStatus) => void): () => void
  /** Unsubscribes from the drivers and disposes them. */
  dispose(): void
}

export interface DeviceRegistryOptions {
  drivers: Partial<DriverByKind>
  clock: () => Date
}

/** Creates the registry over the given drivers. */
export function createDeviceRegistry(options: DeviceRegistryOptions): DeviceRegistry {
  const { drivers, clock } = options
  const listeners = new Set<(status: DeviceStatus) => void>()
  const created = clock()
  const unsubscribers: (() => void)[] = []

  /** The status with the driver's profile (staff see which driver and port serve the device). */
  const profiled = (driver: DeviceDriver, status: DeviceStatus): DeviceStatus => {
    const profile = driver.profile
    if (!profile) return status
    return {
      ...status,
      driver: profile.driver.slice(0, 32),
      ...(profile.port ? { port: profile.port.slice(0, 300) } : {}),
    }
  }

  for (const kind of DEVICE_KINDS) {
    const driver = drivers[kind] as DeviceDriver | undefined
    if (!driver) continue
    if (driver.kind !== kind) throw new Error(`driver for ${kind} reports kind ${driver.kind}`)
    unsubscribers.push(
      driver.onStatus((status) => {
        const shown = profiled(driver, status)
        for (const listener of [...listeners]) listener(shown)
      }),
    )
  }

  return {
    list: () =>
      DEVICE_KINDS.map((kind) => {
        const driver = drivers[kind] as DeviceDriver | undefined
        return driver
          ? profiled(driver, driver.status())
          : {
              ...makeStatus(kind, 'UNAVAILABLE', 'NOT_CONFIGURED', created, 'NO_DRIVER'),
              driver: 'none',
            }
      }),
    get: (kind) => drivers[kind],
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    dispose() {
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe()
      listeners.clear()
      for (const kind of DEVICE_KINDS) (drivers[kind] as DeviceDriver | undefined)?.dispose?.()
    },
  }
}

/**
 * A driver whose status is asked for asynchronously (the print path's `PrinterDriver`: IPP or
 * ESC/POS status queries), with optional pushed changes.
 */
export interface AsyncStatusSource<K extends DeviceKind> {
  readonly kind: K
  readonly description?: string
  status(): Promise<DeviceStatus>
  onChange?(listener: (status: DeviceStatus) => void): () => void
  /**
   * QA control of a simulated source. It may return the new status, or return nothing and push it
   * through `onChange` at once (the print path's `setCondition` does the latter), e.g.
   * `setSimulatedState: (c) => printer.setCondition(CONDITION_FOR_CODE[c.code])`.
   */
  setSimulatedState?(change: SimulatedStatusChange): DeviceStatus | void
}

/**
 * Adapts an {@link AsyncStatusSource} to {@link DeviceDriver}: keeps the last answer, polls every
 * `pollMs` (default 15 s; 0 = never) and forwards pushed changes. Until the first answer the device
 * is UNAVAILABLE / NOT_RESPONDING, so nothing is offered on a printer nobody has heard from.
 */
export function adaptAsyncStatusDriver<K extends DeviceKind>(
  source: AsyncStatusSource<K>,
  options: {
    clock: () => Date
    pollMs?: number
    /** The status to show until the first answer (a simulated source knows it at once). */
    initial?: DeviceStatus
  },
): DeviceDriver<K> & { refresh(): Promise<DeviceStatus> } {
  let last =
    options.initial ??
    makeStatus(source.kind, 'UNAVAILABLE', 'NOT_RESPONDING', options.clock(), 'NOT_ASKED_YET')
  const listeners = new Set<(status: DeviceStatus) => void>()
  const accept = (status: DeviceStatus) => {
    const same =
      status.state === last.state && status.code === last.code && status.detail === last.detail
    last = status
    if (same) return
    for (const listener of [...listeners]) listener(status)
  }
  // A status pushed while a poll was in flight is newer than the poll's answer: drop the answer.
  let pushes = 0
  const pushed = (status: DeviceStatus) => {
    pushes++
    accept(status)
  }
  const refresh = async () => {
    const asked = pushes
    let answer: DeviceStatus
    try {
      answer = await source.status()
    } catch (err) {
      // The interface says status() never rejects; a driver that does is treated as silent.
      answer = makeStatus(
        source.kind,
        'UNAVAILABLE',
        'NOT_RESPONDING',
        options.clock(),
        String(err),
      )
    }
    if (pushes === asked) accept(answer)
    return last
  }
  const unsubscribe = source.onChange?.(pushed)
  const pollMs = options.pollMs ?? 15_000
  const timer = pollMs > 0 ? setInterval(() => void refresh(), pollMs) : null
  timer?.unref?.()
  void refresh()
  const driver: DeviceDriver<K> & { refresh(): Promise<DeviceStatus> } = {
    kind: source.kind,
    description: source.description ?? 'adapted',
    status: () => last,
    onStatus(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    refresh,
    dispose() {
      if (timer) clearInterval(timer)
      unsubscribe?.()
      listeners.clear()
    },
  }
  if (source.setSimulatedState) {
    const set = source.setSimulatedState.bind(source)
    driver.setSimulatedState = (change) => {
      const status = set(change)
      if (status) pushed(status)
      return last
    }
  }
  return driver
}
