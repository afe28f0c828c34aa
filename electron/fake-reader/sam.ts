/**
 * A fake GA 467 SAM for tests and QA: answers frames like a real reader's security module, with the
 * demo residents' cards and the faults a hall meets (expired card, unreadable chip, card pulled
 * away mid-read, corrupted frames, garbage, short frames, a slow or silent reader, a SAM error).
 * Pure logic: bytes in, timed bytes out; `cli.ts` puts it on a serial port.
 */
import { DEMO_RESIDENT_CARDS } from '../core/devices/demo-cards'
import type { CardData } from '../core/devices/driver'
import { encodeBaseText } from '../core/devices/ga467/base-text'
import {
  COMMANDS,
  FrameDecoder,
  SW3,
  encodeAnswer,
  joinBaseData,
  parseRequest,
} from '../core/devices/ga467/frame'

/** Faults the fake reader can be told to have. */
export const FAKE_FAULTS = [
  'none',
  /** Select fails: a chip that does not answer. */
  'unreadable',
  /** The card leaves during "read base": the SAM answers 0x41 and finds no card afterwards. */
  'pull-mid-read',
  /** Answers with a wrong checksum. */
  'corrupt',
  /** Answers with bytes that hold no frame. */
  'garbage',
  /** Answers with the first half of a frame only. */
  'short',
  /** Answers nothing. */
  'silent',
  /** Answers after 3 s (past every deadline of the driver). */
  'slow',
  /** The SAM's self-check fails (`12 FF` answers 0x60). */
  'sam-error',
] as const
export type FakeFault = (typeof FAKE_FAULTS)[number]

/** 林晓峰's previous card, which expired in 2015: the expired-card case. */
const EXPIRED: CardData = {
  ...DEMO_RESIDENT_CARDS['350102198506123417'].card,
  validityStart: '2005-08-20',
  validityEnd: '2015-08-20',
}

/**
 * The card named by `who`: a demo resident's name or ID number, `expired`, or `garbled` (a card
 * whose text is not a card's: the driver must call it unreadable).
 */
export function fakeCard(who: string): { card: CardData; garbled?: boolean } | null {
  const key = who.trim()
  if (key === 'expired') return { card: EXPIRED }
  if (key === 'garbled') return { card: EXPIRED, garbled: true }
  for (const [idNumber, entry] of Object.entries(DEMO_RESIDENT_CARDS)) {
    if (entry.card.name === key || idNumber === key.toUpperCase()) return { card: entry.card }
  }
  return null
}

/** What to send back, and after how long. */
export interface FakeReply {
  bytes: Uint8Array
  delayMs: number
}

export interface FakeSam {
  /** Feeds bytes from the terminal; returns the replies to send. */
  receive(bytes: Uint8Array): FakeReply[]
  insert(who: string): boolean
  /** Puts any card on the reader (the QA panel's made-up cards). */
  insertCard(card: CardData): void
  remove(): boolean
  setFault(fault: FakeFault): void
  state(): { card: string | null; fault: FakeFault }
}

/** A stable, made-up SAM id (16 bytes), as `12 FF` returns it. */
const SAM_ID = Uint8Array.from({ length: 16 }, (_, i) => (i * 17 + 5) & 0xff)

/** Creates a fake SAM with `who`'s card on it (or none). */
export function createFakeSam(initial: { card?: string; fault?: FakeFault } = {}): FakeSam {
  const decoder = new FrameDecoder()
  let slot = initial.card ? fakeCard(initial.card) : null
  let fault: FakeFault = initial.fault ?? 'none'

  const answer = (sw3: number, data?: Uint8Array): FakeReply => {
    const bytes = encodeAnswer(sw3, data)
    if (fault === 'corrupt') bytes[bytes.length - 1]! ^= 0x5a
    if (fault === 'garbage') bytes.set(bytes.map((b, i) => (b * 31 + i) & 0x7f))
    return {
      bytes: fault === 'short' ? bytes.subarray(0, Math.ceil(bytes.length / 2)) : bytes,
      delayMs: fault === 'slow' ? 3000 : 5,
    }
  }

  const is = (command: readonly [number, number], expected: readonly [number, number]) =>
    command[0] === expected[0] && command[1] === expected[1]

  function respond(command: [number, number]): FakeReply | null {
    if (fault === 'silent') return null
    if (is(command, COMMANDS.samId)) {
      return fault === 'sam-error' ? answer(SW3.samError) : answer(SW3.ok, SAM_ID)
    }
    if (is(command, COMMANDS.findCard)) {
      return slot ? answer(SW3.cardFound, new Uint8Array(4)) : answer(SW3.noCard)
    }
    if (is(command, COMMANDS.selectCard)) {
      if (!slot) return answer(SW3.noCard)
      return fault === 'unreadable' ? answer(SW3.selectFailed) : answer(SW3.ok, new Uint8Array(8))
    }
    if (is(command, COMMANDS.readBase)) {
      if (!slot) return answer(SW3.noCard)
      if (fault === 'pull-mid-read') {
        slot = null
        return answer(SW3.readFailed)
      }
      const text = encodeBaseText(slot.card)
      if (slot.garbled) text.fill(0x3f, 0, 40)
      // A WLT photo is 1024 bytes of compressed image; its content does not matter here.
      const photo = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff)
      return answer(SW3.ok, joinBaseData(text, photo))
    }
    return answer(0x21) // unknown command
  }

  return {
    receive(bytes) {
      const replies: FakeReply[] = []
      for (const event of decoder.push(bytes)) {
        if (event.type !== 'frame') continue // a real SAM ignores a bad request
        const request = parseRequest(event.body)
        const reply = request && respond(request.command)
        if (reply) replies.push(reply)
      }
      return replies
    },
    insert(who) {
      const card = fakeCard(who)
      if (card) slot = card
      return card !== null
    },
    insertCard(card) {
      slot = { card }
    },
    remove() {
      const had = slot !== null
      slot = null
      return had
    },
    setFault(next) {
      fault = next
    },
    state: () => ({ card: slot ? slot.card.name : null, fault }),
  }
}
