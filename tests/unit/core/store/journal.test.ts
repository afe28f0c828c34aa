import { describe, expect, it } from 'vitest'
import { encodeRecord, scanJournal } from '../../../../electron/core/store/journal'

const body = (text: string): Buffer => Buffer.from(text, 'utf8')

describe('journal records', () => {
  it('round-trips whole records', () => {
    const data = Buffer.concat([encodeRecord(1, body('{"a":1}')), encodeRecord(2, body('二'))])
    const scan = scanJournal(data)
    expect(scan.records.map((r) => [r.seq, r.body.toString()])).toEqual([
      [1, '{"a":1}'],
      [2, '二'],
    ])
    expect(scan).toMatchObject({ validBytes: data.length, discardedBytes: 0 })
  })

  it('stops at a torn last record, at every cut point', () => {
    const first = encodeRecord(7, body('first'))
    const second = encodeRecord(8, body('second record'))
    for (let cut = 1; cut < second.length; cut++) {
      const scan = scanJournal(Buffer.concat([first, second.subarray(0, cut)]))
      expect(scan.records.map((r) => r.seq)).toEqual([7])
      expect(scan.validBytes).toBe(first.length)
      expect(scan.discardedBytes).toBe(cut)
    }
  })

  it('stops at a flipped bit anywhere in a record', () => {
    const record = encodeRecord(3, body('payload'))
    for (let i = 0; i < record.length; i++) {
      const damaged = Buffer.from(record)
      damaged[i] = damaged[i]! ^ 0x10
      const scan = scanJournal(damaged)
      expect(scan.records).toEqual([])
      expect(scan.stopReason).toBeDefined()
    }
  })
})

describe('journal preallocation', () => {
  it('treats zeros after the last record as the clean end', () => {
    const record = encodeRecord(1, body('x'))
    const scan = scanJournal(Buffer.concat([record, Buffer.alloc(4096)]))
    expect(scan).toMatchObject({ validBytes: record.length, discardedBytes: 0 })
    expect(scan.records).toHaveLength(1)
  })

  it('reports a torn record inside the zeros', () => {
    const record = encodeRecord(1, body('x'))
    const torn = encodeRecord(2, body('torn')).subarray(0, 10)
    const scan = scanJournal(Buffer.concat([record, torn, Buffer.alloc(4096)]))
    expect(scan.records).toHaveLength(1)
    expect(scan.discardedBytes).toBe(10 + 4096)
  })
})
