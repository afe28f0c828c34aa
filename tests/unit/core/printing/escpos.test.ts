import iconv from 'iconv-lite'
import { transform } from 'receiptline'
import { describe, expect, it } from 'vitest'
import { renderReceiptEscPos } from '../../../../electron/core/printing/escpos'
import {
  escapeReceiptText,
  formatReceiptTime,
  receiptToMarkdown,
} from '../../../../electron/core/printing/receipt-markdown'
import { renderReceiptSvg } from '../../../../electron/core/printing/receipt-svg'
import { Receipt } from '../../../../shared/receipt'
import { sampleReceipt } from '../../../fixtures/print-documents'

const bytesOf = (s: string) => Buffer.from(s, 'latin1')

/** Finds every `GS ( k` function in the stream: [fn, parameters]. */
function qrFunctions(buf: Buffer): Array<{ fn: number; params: Buffer }> {
  const found: Array<{ fn: number; params: Buffer }> = []
  let at = buf.indexOf(bytesOf('\x1d(k'))
  while (at >= 0) {
    const length = buf[at + 3]! | (buf[at + 4]! << 8)
    expect(buf[at + 5]).toBe(0x31) // cn = 49: QR code
    found.push({ fn: buf[at + 6]!, params: buf.subarray(at + 7, at + 5 + length) })
    at = buf.indexOf(bytesOf('\x1d(k'), at + 5 + length)
  }
  return found
}

describe('ESC/POS receipt', () => {
  const bytes = Buffer.from(renderReceiptEscPos(sampleReceipt()))
  const text = iconv.decode(bytes, 'gb18030')

  it('starts by initialising the printer and switches to Chinese (Kanji) mode', () => {
    expect(bytes.subarray(0, 2)).toEqual(bytesOf('\x1b@'))
    expect(bytes.includes(bytesOf('\x1c&'))).toBe(true)
  })

  it('decodes back from GB18030 to the receipt lines', () => {
    for (const expected of [
      '公积金绑定数字钱包',
      '福州市住房公积金中心鼓楼服务大厅',
      '2025-03-01 14:05:09',
      'FZ-GL-007',
      '林**',
      '350102********3417',
      '已受理',
      '申请编号',
      'BA20250301000123',
      '钱包运营机构',
      '工商银行',
      '****5678',
      '申请已受理，结果将以短信通知。',
      '请妥善保管本凭条。咨询电话 12329',
    ])
      expect(text).toContain(expected)
  })

  it('encodes Chinese as GB18030 bytes, not UTF-8', () => {
    expect(bytes.includes(iconv.encode('公积金', 'gb18030'))).toBe(true)
    expect(bytes.includes(Buffer.from('公积金', 'utf8'))).toBe(false)
  })

  it('prints the QR code natively with GS ( k: model 2, size, level, store, print', () => {
    const fns = qrFunctions(bytes)
    expect(fns.map((f) => f.fn)).toEqual([0x41, 0x43, 0x45, 0x50, 0x51])
    expect(fns[0]!.params).toEqual(bytesOf('\x32\x00'))
    expect(fns[3]!.params.subarray(1).toString('utf8')).toBe(
      'https://gjj.example.cn/q?no=BA20250301000123',
    )
  })

  it('ends with a paper cut (GS V)', () => {
    const cut = bytes.lastIndexOf(bytesOf('\x1dV'))
    expect(cut).toBeGreaterThan(bytes.length - 12)
  })

  it('lays out 48 columns (a hanzi takes two)', () => {
    // The same document through receiptline's plain-text target shows the column layout.
    const plain = transform(receiptToMarkdown(Receipt.parse(sampleReceipt())), {
      command: 'text',
      cpl: 48,
      encoding: 'gb18030',
    })
    const widths = plain
      .split('\n')
      .map((line) => Array.from(line).reduce((w, c) => w + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0))
    expect(Math.max(...widths)).toBe(48)
    expect(plain).toMatch(/证件号码 +350102\*{8}3417/)
  })

  it('can rasterise the QR code for printers without a QR generator', () => {
    const raster = Buffer.from(renderReceiptEscPos(sampleReceipt(), { qr: 'raster' }))
    expect(raster.includes(bytesOf('\x1d(k'))).toBe(false)
    expect(raster.includes(bytesOf('\x1d8L'))).toBe(true)
  })

  it('omits the cut when asked and renders without optional parts', () => {
    const minimal = Buffer.from(
      renderReceiptEscPos(
        sampleReceipt({
          qrPayload: undefined,
          reference: undefined,
          outcomeNote: undefined,
          footer: undefined,
          lines: [],
        }),
        { cut: false },
      ),
    )
    expect(minimal.includes(bytesOf('\x1dV'))).toBe(false)
    expect(minimal.includes(bytesOf('\x1d(k'))).toBe(false)
    expect(iconv.decode(minimal, 'gb18030')).toContain('公积金绑定数字钱包')
  })

  it('refuses a receipt carrying an unmasked ID number or phone', () => {
    expect(() =>
      renderReceiptEscPos(sampleReceipt({ holder: { idNumber: '350102198506123417' } })),
    ).toThrow()
    expect(() =>
      renderReceiptEscPos(sampleReceipt({ lines: [{ label: '手机', value: '13800591234' }] })),
    ).toThrow()
  })

  it('prints receipt markdown special characters as themselves', () => {
    const odd = '| {x} -= ~_"`^ \\'
    expect(escapeReceiptText(odd)).toBe('\\| \\{x\\} \\-\\= \\~\\_\\"\\`\\^ \\\\')
    const printed = iconv.decode(
      Buffer.from(renderReceiptEscPos(sampleReceipt({ footer: '备注 a|b {c} ^d' }))),
      'gb18030',
    )
    expect(printed).toContain('备注 a|b {c} ^d')
  })
})

describe('receipt markdown', () => {
  it('prints times in the hall time zone', () => {
    expect(formatReceiptTime('2025-03-01T16:30:00Z')).toBe('2025-03-02 00:30:00')
    expect(formatReceiptTime('2025-03-01T16:30:00Z', 'UTC')).toBe('2025-03-01 16:30:00')
  })

  it('is one document for printer and preview', () => {
    const md = receiptToMarkdown(Receipt.parse(sampleReceipt()))
    expect(md).toContain('{code:https://gjj.example.cn/q?no=BA20250301000123;option:qrcode,6,m}')
  })
})

describe('SVG receipt preview', () => {
  const svg = renderReceiptSvg(sampleReceipt())

  it('is an SVG 576 dots wide (80 mm at 48 characters)', () => {
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('width="576px"')
  })

  it('shows the same lines as the paper receipt', () => {
    const visible = svg.replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ')
    for (const expected of [
      '公积金绑定数字钱包',
      '350102********3417',
      'BA20250301000123',
      '已受理',
    ])
      expect(visible).toContain(expected)
  })

  it('draws the QR code', () => {
    // receiptline draws QR modules as a path of small squares.
    expect(svg).toMatch(/<path d="M\d+,\d+l6,0 0,6 -6,0 0,-6z/)
  })
})
