/**
 * DISK_LOW comes before the disk is full (the store's write failures come after): once per low
 * spell, restored only with room to spare, and a failed look said once. Then through a real core
 * on a small tmpfs (root only, as the e2e full-disk drill): staff opening the dashboard see it.
 */
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  diskLowLine,
  readDiskSpace,
  watchDiskSpace,
  type DiskSpace,
  type DiskWatch,
} from '../../../../electron/core/data/disk-space'
import { memoryLogger } from '../core.fixture'
import { enter, startRig, stopAll } from '../supervisor/supervisor.fixture'

const MIB = 1024 * 1024
const GIB = 1024 * MIB
let watch: DiskWatch | undefined
const mounts: string[] = []
afterEach(async () => {
  watch?.stop()
  await stopAll()
  for (const dir of mounts.splice(0)) spawnSync('umount', ['-l', dir])
})

/** A watch over a scripted disk; `space` is what the next look sees. */
function scripted(total: number) {
  const seen = { low: [] as DiskSpace[], restored: [] as DiskSpace[] }
  const disk = { free: total, fail: false }
  const log = memoryLogger()
  watch = watchDiskSpace({
    dir: '/nowhere',
    log,
    onLow: (s) => seen.low.push(s),
    onRestored: (s) => seen.restored.push(s),
    read: async () => {
      if (disk.fail) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
      return { freeBytes: disk.free, totalBytes: total }
    },
  })
  return { seen, disk, log, check: () => watch!.check() }
}

describe('disk space watch', () => {
  it('draws the line at 512 MiB, or a tenth of a small disk', () => {
    expect(diskLowLine(64 * GIB)).toBe(512 * MIB)
    expect(diskLowLine(2 * GIB)).toBeCloseTo(0.2 * GIB)
  })

  it('raises DISK_LOW once per low spell and restores only with room to spare', async () => {
    const { seen, disk, check } = scripted(64 * GIB)
    await check()
    expect(seen.low).toHaveLength(0)
    disk.free = 400 * MIB
    await check()
    await check()
    expect(seen.low).toEqual([{ freeBytes: 400 * MIB, totalBytes: 64 * GIB }])
    disk.free = 600 * MIB // above the line, not yet 1.5 times it: still low
    await check()
    expect(seen.restored).toHaveLength(0)
    disk.free = 800 * MIB
    await check()
    expect(seen.restored).toHaveLength(1)
    disk.free = 100 * MIB
    await check()
    expect(seen.low).toHaveLength(2)
  })

  it('says a failed look once per run of failures and goes on', async () => {
    const { seen, disk, log, check } = scripted(64 * GIB)
    await check()
    disk.fail = true
    expect(await check()).toBeNull()
    expect(await check()).toBeNull()
    expect(log.lines.filter((l) => l.event === 'disk.check_failed')).toHaveLength(1)
    disk.fail = false
    disk.free = 1 * MIB
    await check()
    expect(seen.low).toHaveLength(1)
  })

  it('reads the real disk of a folder', async () => {
    const space = await readDiskSpace(tmpdir())
    expect(space.totalBytes).toBeGreaterThan(0)
    expect(space.freeBytes).toBeGreaterThanOrEqual(0)
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes)
  })
})

describe('DISK_LOW through the core', () => {
  it('staff opening the dashboard see it, and see it pass (skipped where a tmpfs cannot be mounted)', async (ctx) => {
    const mnt = join(mkdtempSync(join(tmpdir(), 'kiosk-disklow-')), 'data')
    mkdirSync(mnt)
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mnt], {
      encoding: 'utf8',
    })
    const refused = mount.error?.message ?? (mount.status === 0 ? null : mount.stderr.trim())
    if (refused) ctx.skip(`cannot mount a tmpfs here (${refused}); the test needs root`)
    mounts.push(mnt)

    const rig = await startRig({}, mnt)
    const token = await enter(rig)
    const codes = () => rig.core.internals.status.snapshot().issues.map((i) => i.code)
    expect(codes()).not.toContain('DISK_LOW')

    // Leave 256 KiB of the 8 MiB: below a tenth.
    const filler = join(mnt, 'filler.bin')
    const { bavail, bsize } = statfsSync(mnt)
    const fd = openSync(filler, 'w')
    writeSync(fd, Buffer.alloc(bavail * bsize - 256 * 1024))
    closeSync(fd)
    const dash = await rig.value<{ disk: { freeBytes: number } }>('supervisor.dashboard', {
      token,
    })
    expect(dash.disk.freeBytes).toBeLessThan(diskLowLine(8 * MIB))
    expect(codes()).toContain('DISK_LOW')
    // Staff clear the list without clearing the disk: the warning comes back at once.
    expect(await rig.value('supervisor.clearIssues', { token })).toMatchObject({ remaining: 1 })
    expect(codes()).toEqual(['DISK_LOW'])

    unlinkSync(filler)
    await rig.value('supervisor.dashboard', { token })
    expect(codes().at(-1)).toBe('DISK_SPACE_RESTORED')
  })
})
