/**
 * How the interaction bench reads a page's records (tests/bench/interaction-probe.ts and
 * interaction-kinds.ts): a key is judged by its Event Timing entry; a touch that waits for the
 * core is judged without the wait, in its Event Timing entry as in its painted answer.
 */
import { describe, expect, it } from 'vitest'
import { figureOf, kindOf } from '../../bench/interaction-kinds'
import { measure, type ProbeEventEntry, type ProbeRecords } from '../../bench/interaction-probe'

const entry = (
  label: string,
  startTime: number,
  duration: number,
  processing: [number, number],
  interactionId = 1,
): ProbeEventEntry => ({
  name: 'click',
  label,
  startTime,
  duration,
  processingStart: processing[0],
  processingEnd: processing[1],
  interactionId,
})

describe('interaction bench: measuring a touch', () => {
  it('judges a keypad key by its Event Timing entry and splits it', () => {
    const records: ProbeRecords = {
      interactions: [
        {
          t0: 100,
          label: 'key-5',
          screen: 'identity-id-number',
          waits: [],
          lastCaused: 101,
          paintedAt: 120,
        },
      ],
      code: [],
      events: [entry('key-5', 100, 40, [114, 115])],
      firstInput: null,
    }
    const [touch] = measure(records)
    expect(touch!.split).toEqual([14, 1, 25])
    const kind = kindOf(touch!)
    expect(kind).toBe('keypad')
    expect(figureOf(touch!, kind)).toBe(40)
  })

  it('takes the wait for the core out of a print touch whose entry ends after the answer', () => {
    // The button says "printing" at once (painted at 130); the done screen follows the answer.
    const records: ProbeRecords = {
      interactions: [
        {
          t0: 1000,
          label: 'cert-print',
          screen: 'tax-certificate-preview',
          waits: [{ method: 'print.print', start: 1004, end: 3404 }],
          lastCaused: 3410,
          paintedAt: 3430,
        },
      ],
      code: [],
      events: [entry('cert-print', 1000, 2432, [1002, 1003])],
      firstInput: null,
    }
    const [touch] = measure(records)
    expect(touch!.eventWaitMs).toBe(2400)
    expect(touch!.centreMs).toBe(2400)
    const kind = kindOf(touch!)
    expect(kind).toBe('centre')
    // Event Timing 2432 − 2400 waiting = 32; painted answer 3430 − 1000 − 2400 = 30.
    expect(figureOf(touch!, kind)).toBe(32)
  })

  it('counts a wait only where it overlaps the entry', () => {
    const records: ProbeRecords = {
      interactions: [
        {
          t0: 0,
          label: 'fund-next',
          screen: 'fund-bind-account',
          waits: [{ method: 'fund.accounts', start: 50, end: 400 }],
          lastCaused: 410,
          paintedAt: 420,
        },
      ],
      code: [],
      events: [entry('fund-next', 0, 96, [2, 3])],
      firstInput: null,
    }
    const [touch] = measure(records)
    expect(touch!.eventWaitMs).toBe(46)
    // The painted answer (420 − 350 waiting = 70) is the longer figure here.
    expect(figureOf(touch!, kindOf(touch!))).toBe(70)
  })
})
