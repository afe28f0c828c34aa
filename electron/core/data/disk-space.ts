/**
 * Tells staff before the data disk fills. The store survives a full disk (writes fail in words and
 * nothing acknowledged is lost), but by then residents are already being
 * turned away; `DISK_LOW` comes first, while there is room to clear.
 *
 * The disk is looked at when the core starts, every `intervalMs` (15 min: disks fill slowly), and
 * whenever staff open the dashboard (`check`). Low is below `min(512 MiB, 10 % of the disk)`; it
 * counts as restored only above 1.5 times that, so a disk hovering at the line does not flap.
 */
import { statfs } from 'node:fs/promises'
import type { Logger } from '../log'
import { describeError } from '../log'

export interface DiskSpace {
  freeBytes: number
  totalBytes: number
}

/** Free space for an unprivileged writer (`bavail`) and the size of the disk holding `dir`. */
export async function readDiskSpace(dir: string): Promise<DiskSpace> {
  const s = await statfs(dir)
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }
}

const MIB = 1024 * 1024
export const DISK_LOW_CAP_BYTES = 512 * MIB
export const DISK_LOW_SHARE = 0.1
const RESTORED_FACTOR = 1.5

/** The line below which the disk counts as low. */
export function diskLowLine(totalBytes: number): number {
  return Math.min(DISK_LOW_CAP_BYTES, totalBytes * DISK_LOW_SHARE)
}

export interface DiskWatch {
  /** Looks at the disk now; resolves with what it saw (null when it could not look). */
  check(): Promise<DiskSpace | null>
  /** Forgets that the disk was low (staff cleared the issue): the next check raises it again. */
  forget(): void
  stop(): void
}

export function watchDiskSpace(deps: {
  dir: string
  log: Logger
  onLow: (space: DiskSpace) => void
  onRestored: (space: DiskSpace) => void
  intervalMs?: number
  read?: (dir: string) => Promise<DiskSpace>
}): DiskWatch {
  const read = deps.read ?? readDiskSpace
  let low = false
  let failedBefore = false
  async function check(): Promise<DiskSpace | null> {
    let space: DiskSpace
    try {
      space = await read(deps.dir)
      failedBefore = false
    } catch (err) {
      // Said once per run of failures: the store reports its own write failures anyway.
      if (!failedBefore) deps.log.warn('disk.check_failed', { err: describeError(err) })
      failedBefore = true
      return null
    }
    const line = diskLowLine(space.totalBytes)
    if (!low && space.freeBytes < line) {
      low = true
      deps.log.warn('disk.low', { freeMiB: Math.floor(space.freeBytes / MIB) })
      deps.onLow(space)
    } else if (low && space.freeBytes >= line * RESTORED_FACTOR) {
      low = false
      deps.log.info('disk.restored', { freeMiB: Math.floor(space.freeBytes / MIB) })
      deps.onRestored(space)
    }
    return space
  }
  const timer = setInterval(() => void check(), deps.intervalMs ?? 15 * 60 * 1000)
  timer.unref?.()
  void check()
  return {
    check,
    forget: () => {
      low = false
    },
    stop: () => clearInterval(timer),
  }
}
