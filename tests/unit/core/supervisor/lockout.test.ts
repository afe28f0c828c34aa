/**
 * The staff PIN lockout grows with every lock (5 min, 15 min, 1 h, then 4 h each time) and only a
 * right PIN starts it over; a restart of the app resets nothing (the state is in the store).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { PIN_LOCK_STEPS_MS } from '../../../../electron/core/supervisor/supervisor-mode'
import { startRig, stopAll, stopRig, type Rig } from './supervisor.fixture'

afterEach(stopAll)

const WRONG = '111111'
const DEMO = '246810'

/** Five wrong PINs; returns the answer to the fifth (the lock). */
async function failFiveTimes(rig: Rig) {
  for (let i = 0; i < 4; i++) {
    expect(await rig.core.call('supervisor.enter', { pin: WRONG })).toMatchObject({
      error: { code: 'PIN_WRONG' },
    })
  }
  return rig.core.call('supervisor.enter', { pin: WRONG })
}

const locked = (seconds: number) => ({
  ok: false,
  error: { code: 'RATE_LIMITED', detail: `retryAfterSeconds=${seconds}` },
})

describe('staff PIN lockout', { timeout: 90_000 }, () => {
  it('grows 5 min → 15 min → 1 h → 4 h (cap), across restarts, and a right PIN resets it', async () => {
    expect(PIN_LOCK_STEPS_MS).toEqual([300_000, 900_000, 3_600_000, 14_400_000])
    let rig = await startRig()
    const dataDir = rig.dataDir
    for (const seconds of [300, 900, 3600, 14_400, 14_400]) {
      expect(await failFiveTimes(rig)).toEqual(locked(seconds))
      // A restart during the lock keeps it, with the time that is left.
      const now = rig.clock.now
      await stopRig(rig)
      rig = await startRig({}, dataDir)
      rig.clock.now = now + 1000
      expect(await rig.core.call('supervisor.enter', { pin: DEMO })).toEqual(locked(seconds - 1))
      rig.clock.now = now + seconds * 1000 + 1
    }
    // The right PIN after the lock: entry, and the ladder starts again at 5 minutes.
    expect((await rig.core.call('supervisor.enter', { pin: DEMO })).ok).toBe(true)
    const at = rig.clock.now
    await stopRig(rig)
    rig = await startRig({}, dataDir)
    rig.clock.now = at
    expect(await failFiveTimes(rig)).toEqual(locked(300))
  })
})
