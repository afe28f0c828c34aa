import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_RESIDENT_CARDS } from '../../../../../electron/core/devices/demo-cards'
import {
  decodeBaseText,
  encodeBaseText,
} from '../../../../../electron/core/devices/ga467/base-text'
import {
  COMMANDS,
  FrameDecoder,
  MAX_LEN,
  encodeAnswer,
  encodeRequest,
  joinBaseData,
  parseAnswer,
  parseRequest,
  splitBaseData,
} from '../../../../../electron/core/devices/ga467/frame'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('GA 467 frames', () => {
  it('encodes "find card" as the standard spells it', () => {
    // AA AA AA 96 69 | LEN 00 03 | 20 01 | CHK = 00 ^ 03 ^ 20 ^ 01 = 22
    expect(hex(encodeRequest(COMMANDS.findCard))).toBe('aaaaaa96690003200122')
  })

  it('round-trips requests and answers through the decoder, split at every byte', () => {
    const stream = new Uint8Array([
      ...encodeRequest(COMMANDS.samId),
      ...encodeAnswer(0x9f, Uint8Array.of(0, 0, 0, 0)),
    ])
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new FrameDecoder()
      const events = [
        ...decoder.push(stream.subarray(0, cut)),
        ...decoder.push(stream.subarray(cut)),
      ]
      expect(events.map((e) => e.type)).toEqual(['frame', 'frame'])
      const [req, ans] = events as { type: 'frame'; body: Uint8Array }[]
      expect(parseRequest(req!.body)?.command).toEqual([0x12, 0xff])
      expect(parseAnswer(ans!.body)?.sw).toEqual([0, 0, 0x9f])
      expect(decoder.pending).toBe(0)
    }
  })

  it('skips leading garbage and reports a bad checksum and a bad length', () => {
    const bad = encodeAnswer(0x90)
    bad[bad.length - 1]! ^= 1
    const decoder = new FrameDecoder()
    const events = decoder.push(
      new Uint8Array([0x00, 0xaa, 0x13, ...bad, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff]),
    )
    expect(events).toEqual([
      { type: 'corrupt', reason: 'checksum' },
      { type: 'corrupt', reason: 'length' },
    ])
    expect(decoder.push(encodeAnswer(0x80)).map((e) => e.type)).toEqual(['frame'])
  })

  it('holds a short frame until the rest comes, and drops it on reset', () => {
    const frame = encodeAnswer(0x90, new Uint8Array(16))
    const decoder = new FrameDecoder()
    expect(decoder.push(frame.subarray(0, 10))).toEqual([])
    expect(decoder.pending).toBe(10)
    decoder.reset()
    expect(decoder.push(frame.subarray(10))).toEqual([])
  })

  it('splits a "read base" answer only when the lengths add up', () => {
    const text = new Uint8Array(256).fill(0x20)
    const photo = new Uint8Array(1024).fill(7)
    const data = joinBaseData(text, photo)
    expect(splitBaseData(data)?.photo.length).toBe(1024)
    expect(splitBaseData(data.subarray(0, 1000))).toBeNull()
    expect(splitBaseData(new Uint8Array(3))).toBeNull()
  })
})

describe('GA 467 base text', () => {
  it.each(Object.values(DEMO_RESIDENT_CARDS))('reads $card.name back as written', ({ card }) => {
    const decoded = decodeBaseText(encodeBaseText(card))
    expect(decoded).toEqual({ ok: true, nation: '01', card })
  })

  it('names the field that is not a card field', () => {
    const card = DEMO_RESIDENT_CARDS['350102198506123417'].card
    const bytes = encodeBaseText(card)
    const gender = bytes.slice()
    gender[30] = 0x33 // '3'
    expect(decodeBaseText(gender)).toEqual({ ok: false, field: 'gender' })
    expect(decodeBaseText(encodeBaseText({ ...card, birthDate: '1985-02-30' }))).toEqual({
      ok: false,
      field: 'birthDate',
    })
    expect(decodeBaseText(encodeBaseText({ ...card, idNumber: '35010219850612341Y' }))).toEqual({
      ok: false,
      field: 'idNumber',
    })
    expect(decodeBaseText(bytes.subarray(0, 255))).toEqual({ ok: false, field: 'length' })
  })
})

describe('GA 467 decoder fuzz', () => {
  const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300)

  it('never throws, never holds more than one frame, on any bytes in any chunks', () => {
    const valid = fc.constantFrom(
      encodeRequest(COMMANDS.readBase),
      encodeAnswer(0x90, new Uint8Array(16)),
      encodeAnswer(0x90, joinBaseData(new Uint8Array(256), new Uint8Array(1024))),
    )
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      valid,
      // Frames with one byte flipped, cut short, or with a preamble and a random LEN.
      fc.tuple(valid, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, i, x]) => {
        const copy = f.slice()
        copy[i % copy.length]! ^= x
        return copy
      }),
      fc.tuple(valid, fc.nat()).map(([f, n]) => f.subarray(0, n % f.length)),
      fc
        .uint8Array({ minLength: 2, maxLength: 8 })
        .map((tail) => Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, ...tail)),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const decoder = new FrameDecoder()
        for (const p of pieces) {
          for (const event of decoder.push(p)) {
            if (event.type === 'frame') {
              parseAnswer(event.body)
              const answer = parseAnswer(event.body)
              if (answer) splitBaseData(answer.data)
              if (event.body.length >= 256) decodeBaseText(event.body.subarray(0, 256))
            }
          }
          expect(decoder.pending).toBeLessThanOrEqual(7 + MAX_LEN)
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  })

  it('decodes any 256 bytes of base text to a card or a named field', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (bytes) => {
        const decoded = decodeBaseText(bytes)
        expect(typeof decoded.ok).toBe('boolean')
      }),
      { numRuns: FUZZ_RUNS },
    )
  })
})
