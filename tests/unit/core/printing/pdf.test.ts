import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CJK_FONT_FILE,
  createPdfRenderer,
  defaultFontPath,
} from '../../../../electron/core/printing/pdf'
import { chineseCapitalAmount } from '../../../../shared/domain/money'
import {
  SAMPLE_INCOME_TOTAL_FEN,
  SAMPLE_TAX_TOTAL_FEN,
  sampleCertificate,
} from '../../../fixtures/print-documents'

const run = promisify(execFile)
const hasPoppler = existsSync('/usr/bin/pdftotext')
const renderer = createPdfRenderer({ fontPath: defaultFontPath() })

describe('the committed CJK font', () => {
  it('is found under build/fonts and is a TrueType font of reasonable size', async () => {
    const path = defaultFontPath()
    expect(path.endsWith(join('build', 'fonts', CJK_FONT_FILE))).toBe(true)
    const bytes = await readFile(path)
    expect(bytes.readUInt32BE(0)).toBe(0x00010000) // TrueType outlines, not CFF, not a .ttc
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024)
    expect(existsSync(join(path, '..', 'OFL.txt'))).toBe(true)
  })

  it('pads every glyph to 4 bytes (fontkit subsetting writes a short loca)', async () => {
    const bytes = await readFile(defaultFontPath())
    const tables = new Map<string, { offset: number; length: number }>()
    const count = bytes.readUInt16BE(4)
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16
      tables.set(bytes.toString('latin1', at, at + 4), {
        offset: bytes.readUInt32BE(at + 8),
        length: bytes.readUInt32BE(at + 12),
      })
    }
    const head = tables.get('head')!
    const loca = tables.get('loca')!
    const longOffsets = bytes.readInt16BE(head.offset + 50) === 1
    const offsets: number[] = []
    for (let at = loca.offset; at < loca.offset + loca.length; at += longOffsets ? 4 : 2)
      offsets.push(longOffsets ? bytes.readUInt32BE(at) : bytes.readUInt16BE(at) * 2)
    expect(offsets.length).toBeGreaterThan(7_000)
    expect(offsets.filter((o) => o % 4 !== 0)).toEqual([])
  })

  it('can be found from a nested folder, and says where it looked when missing', () => {
    expect(defaultFontPath(join(process.cwd(), 'electron', 'core'))).toBe(defaultFontPath())
    expect(() => defaultFontPath(tmpdir())).toThrow(/build\/fonts/)
  })
})

describe('A4 certificate PDF', () => {
  let dir: string
  let pdfPath: string
  let bytes: Uint8Array

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-pdf-'))
    bytes = await renderer.render(sampleCertificate())
    pdfPath = join(dir, 'certificate.pdf')
    await writeFile(pdfPath, bytes)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('is one A4 page with the document title and dates from the document', async () => {
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(1)
    const { width, height } = pdf.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
    expect(pdf.getTitle()).toBe('中华人民共和国个人所得税纳税记录')
    expect(pdf.getCreationDate()?.toISOString()).toBe('2025-03-01T06:20:00.000Z')
  })

  it('embeds only a subset of the font (small file)', () => {
    expect(bytes.length).toBeLessThan(120_000)
  })

  it('renders the same bytes for the same document', async () => {
    expect(Buffer.from(await renderer.render(sampleCertificate())).equals(Buffer.from(bytes))).toBe(
      true,
    )
  })

  it.skipIf(!hasPoppler)(
    'extracts the masked ID, rows, totals, 大写 and code with pdftotext',
    async () => {
      const text = (await run('pdftotext', ['-layout', pdfPath, '-'])).stdout
      for (const expected of [
        '中华人民共和国个人所得税纳税记录',
        '国家税务总局福州市税务局',
        '王**',
        '350104********1135',
        '2019-01 至 2024-12',
        '福州某建设集团有限公司',
        '工资薪金所得',
        '¥15,600.00',
        '¥1,280.00',
        '¥4,017.50',
        '¥91,200.00',
        `人民币${chineseCapitalAmount(SAMPLE_TAX_TOTAL_FEN)}`,
        '35A7-K9Q2-M4XT',
      ])
        expect(text).toContain(expected)
      expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/)
      expect(SAMPLE_INCOME_TOTAL_FEN).toBe(9_120_000)
    },
  )

  it.skipIf(!hasPoppler)('embeds the font (pdffonts: emb yes, uni yes)', async () => {
    const fonts = (await run('pdffonts', [pdfPath])).stdout
    expect(fonts).toMatch(/KioskSansSC-Regular\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/)
  })

  it.skipIf(!hasPoppler)(
    'draws the glyphs (rendered page is not blank where the title is)',
    async () => {
      // Guards against glyphs that extract as text but draw nothing (the loca padding bug).
      const { stdout } = await run(
        'pdftoppm',
        ['-r', '30', '-gray', '-x', '60', '-y', '15', '-W', '130', '-H', '20', pdfPath],
        { encoding: 'buffer', maxBuffer: 1 << 20 },
      )
      const pgm = stdout as Buffer
      const pixels = pgm.subarray(pgm.length - 130 * 20)
      const dark = pixels.filter((p) => p < 128).length
      expect(dark).toBeGreaterThan(100)
    },
  )

  it('continues the table on more pages for long statements, with page numbers', async () => {
    const base = sampleCertificate()
    const row = (base.rows as Array<Array<string | number>>)[0]!
    const long = await renderer.render(
      sampleCertificate({ kind: 'statement', rows: Array.from({ length: 120 }, () => [...row]) }),
    )
    const pdf = await PDFDocument.load(long)
    expect(pdf.getPageCount()).toBe(4)
    if (hasPoppler) {
      const path = join(dir, 'long.pdf')
      await writeFile(path, long)
      const text = (await run('pdftotext', ['-layout', path, '-'])).stdout
      expect(text).toMatch(/第\s*4\s*页\s*\/\s*共\s*4\s*页/)
      expect(text).toContain('（续）')
    }
  })

  it('refuses a document whose 大写 disagrees with its total, or with an unmasked ID', async () => {
    await expect(renderer.render(sampleCertificate({ capitalAmount: '壹元整' }))).rejects.toThrow(
      /capital amount/,
    )
    await expect(
      renderer.render(sampleCertificate({ holder: { idNumber: '350104197809301135' } })),
    ).rejects.toThrow()
    await expect(
      renderer.render(sampleCertificate({ rows: [['2019-12', 'x', 'y', 'z', '15600', 1, 'd']] })),
    ).rejects.toThrow(/money cells are fen/)
  })

  it('fails clearly when the font file is missing, and recovers when it appears', async () => {
    const missing = createPdfRenderer({ fontPath: join(dir, 'no-font.ttf') })
    await expect(missing.render(sampleCertificate())).rejects.toThrow(/ENOENT/)
    await writeFile(join(dir, 'no-font.ttf'), await readFile(defaultFontPath()))
    await expect(missing.render(sampleCertificate())).resolves.toBeInstanceOf(Uint8Array)
  })
})
