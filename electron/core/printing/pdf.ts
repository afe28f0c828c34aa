/**
 * A4 document model → PDF bytes, in the core (so the print path does not depend on
 * Electron's printing). pdf-lib lays the page out; the CJK font from build/fonts/ is embedded and
 * subset (only the glyphs used), so the PDF prints and its text extracts the same on any printer
 * or viewer, with no font installed there.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'
import { formatFen } from '../../../shared/domain/money'
import { A4Document, type A4DocumentInput } from '../../../shared/receipt'
import { formatReceiptTime } from './receipt-markdown'

/** The committed font (build/fonts/README.md says how it is made). */
export const CJK_FONT_FILE = 'KioskSansSC-Regular.ttf'

/**
 * Where the committed CJK font is in a development checkout: looks for `build/fonts/` upward from
 * `startDir` (default: the working directory, then this file's folder). Packaged builds pass an
 * explicit `fontPath` from their resources folder instead.
 */
export function defaultFontPath(startDir?: string): string {
  const starts = startDir
    ? [startDir]
    : [process.cwd(), typeof __dirname === 'string' ? __dirname : process.cwd()]
  for (const start of starts) {
    let dir = resolve(start)
    for (;;) {
      const candidate = join(dir, 'build', 'fonts', CJK_FONT_FILE)
      if (existsSync(candidate)) return candidate
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  throw new Error(`cannot find build/fonts/${CJK_FONT_FILE} above ${starts.join(' or ')}`)
}

/** Options for {@link createPdfRenderer}. */
export interface PdfRendererOptions {
  /** A TrueType/OpenType font file with the Chinese glyphs (not a .ttc collection). */
  fontPath: string
  /** IANA zone for printed times. Default `Asia/Shanghai`. */
  timeZone?: string
}

/** Renders A4 documents; keeps the font file in memory after the first use. */
export interface PdfRenderer {
  /** Parses the document with its schema (throws ZodError if invalid) and returns the PDF bytes. */
  render(doc: A4DocumentInput): Promise<Uint8Array>
}

// A4 in PostScript points, and the layout grid.
const PAGE_WIDTH = 595.28
const PAGE_HEIGHT = 841.89
const MARGIN = 50
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
const ROW_HEIGHT = 18
const TABLE_SIZE = 9
const BODY_SIZE = 10.5
const FOOTER_HEIGHT = 40
const QR_SIZE = 88
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.4, 0.4, 0.4)
const RULE = rgb(0.55, 0.55, 0.55)
const HEADER_FILL = rgb(0.92, 0.92, 0.92)

/** Creates a renderer bound to one font file. */
export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  let fontBytes: Promise<Uint8Array> | undefined
  const loadFont = () => {
    fontBytes ??= readFile(options.fontPath).then((b) => new Uint8Array(b))
    // A failed read must not be cached forever: the next print tries again.
    fontBytes.catch(() => (fontBytes = undefined))
    return fontBytes
  }
  return {
    async render(input) {
      const doc = A4Document.parse(input)
      return layoutDocument(doc, await loadFont(), options.timeZone ?? 'Asia/Shanghai')
    },
  }
}

/** One-shot convenience: renders one document with the font at `fontPath`. */
export async function renderDocumentPdf(
  doc: A4DocumentInput,
  options: PdfRendererOptions,
): Promise<Uint8Array> {
  return createPdfRenderer(options).render(doc)
}

/** Cuts text to fit a width, ending in … when cut. */
function fitText(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  const chars = Array.from(text)
  while (chars.length > 0 && font.widthOfTextAtSize(chars.join('') + '…', size) > width) chars.pop()
  return chars.join('') + '…'
}

/** Breaks text into lines no wider than `width`, character by character (Chinese has no spaces). */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (line !== '' && font.widthOfTextAtSize(line + ch, size) > width) {
      lines.push(line)
      line = ''
    }
    line += ch
  }
  if (line !== '') lines.push(line)
  return lines
}

async function layoutDocument(doc: A4Document, fontBytes: Uint8Array, timeZone: string) {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(fontBytes, { subset: true })
  const issued = new Date(doc.issuedAt)
  pdf.setTitle(doc.title)
  pdf.setSubject(
    doc.verificationCode ? `${doc.documentNo} ${doc.verificationCode}` : doc.documentNo,
  )
  pdf.setProducer('hall-kiosk')
  pdf.setCreator('hall-kiosk')
  // Dates from the document, not the clock, so the same document gives the same bytes.
  pdf.setCreationDate(issued)
  pdf.setModificationDate(issued)
  const qrImage = doc.qrPayload
    ? await pdf.embedPng(
        await QRCode.toBuffer(doc.qrPayload, { errorCorrectionLevel: 'M', margin: 1, width: 264 }),
      )
    : null

  const text = (page: PDFPage, s: string, x: number, y: number, size = BODY_SIZE, color = BLACK) =>
    page.drawText(s, { x, y, size, font, color })
  const textRight = (page: PDFPage, s: string, right: number, y: number, size = BODY_SIZE) =>
    text(page, s, right - font.widthOfTextAtSize(s, size), y, size)

  // Column geometry, in proportion to the declared widths.
  const totalWeight = doc.columns.reduce((sum, c) => sum + c.width, 0)
  const xs: number[] = []
  let cursor = MARGIN
  for (const column of doc.columns) {
    xs.push(cursor)
    cursor += (column.width / totalWeight) * CONTENT_WIDTH
  }
  xs.push(MARGIN + CONTENT_WIDTH)
  const cellText = (cell: string | number) => (typeof cell === 'number' ? formatFen(cell) : cell)

  const pages: PDFPage[] = []
  let page!: PDFPage
  let y = 0

  const drawTableHeader = () => {
    page.drawRectangle({
      x: MARGIN,
      y: y - ROW_HEIGHT,
      width: CONTENT_WIDTH,
      height: ROW_HEIGHT,
      color: HEADER_FILL,
      borderColor: RULE,
      borderWidth: 0.5,
    })
    doc.columns.forEach((column, i) => {
      const w = xs[i + 1]! - xs[i]! - 8
      const title = fitText(column.title, font, TABLE_SIZE, w)
      if (column.kind === 'money') textRight(page, title, xs[i + 1]! - 4, y - 13, TABLE_SIZE)
      else text(page, title, xs[i]! + 4, y - 13, TABLE_SIZE)
    })
    y -= ROW_HEIGHT
  }

  const newPage = (first: boolean) => {
    page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT])
    pages.push(page)
    y = PAGE_HEIGHT - MARGIN
    if (first) {
      const titleSize = 20
      const titleWidth = font.widthOfTextAtSize(doc.title, titleSize)
      text(page, doc.title, (PAGE_WIDTH - titleWidth) / 2, y - titleSize, titleSize)
      y -= titleSize + 14
      const issuerWidth = font.widthOfTextAtSize(doc.issuer, BODY_SIZE)
      text(page, doc.issuer, (PAGE_WIDTH - issuerWidth) / 2, y - BODY_SIZE, BODY_SIZE, GREY)
      y -= BODY_SIZE + 16
      textRight(page, `编号：${doc.documentNo}`, MARGIN + CONTENT_WIDTH, y - BODY_SIZE)
      y -= BODY_SIZE + 10
      const holder = [
        doc.holder.name ? `纳税人/缴存人：${doc.holder.name}` : '',
        doc.holder.idNumber ? `证件号码：${doc.holder.idNumber}` : '',
      ]
        .filter(Boolean)
        .join('    ')
      if (holder) {
        text(page, holder, MARGIN, y - BODY_SIZE)
        y -= BODY_SIZE + 8
      }
      text(page, `所属期间：${doc.period.from} 至 ${doc.period.to}`, MARGIN, y - BODY_SIZE)
      y -= BODY_SIZE + 14
    } else {
      text(
        page,
        `${doc.title}（续）  编号：${doc.documentNo}`,
        MARGIN,
        y - BODY_SIZE,
        BODY_SIZE,
        GREY,
      )
      y -= BODY_SIZE + 12
    }
    drawTableHeader()
  }

  newPage(true)
  for (const row of doc.rows) {
    if (y - ROW_HEIGHT < MARGIN + FOOTER_HEIGHT) newPage(false)
    page.drawLine({
      start: { x: MARGIN, y: y - ROW_HEIGHT },
      end: { x: MARGIN + CONTENT_WIDTH, y: y - ROW_HEIGHT },
      thickness: 0.5,
      color: RULE,
    })
    row.forEach((cell, i) => {
      const w = xs[i + 1]! - xs[i]! - 8
      const s = fitText(cellText(cell), font, TABLE_SIZE, w)
      if (doc.columns[i]!.kind === 'money') textRight(page, s, xs[i + 1]! - 4, y - 13, TABLE_SIZE)
      else text(page, s, xs[i]! + 4, y - 13, TABLE_SIZE)
    })
    y -= ROW_HEIGHT
  }

  // Totals, 大写, notes, verification code and QR: kept together, on a new page if needed.
  const noteWidth = qrImage ? CONTENT_WIDTH - QR_SIZE - 16 : CONTENT_WIDTH
  const noteLines = doc.notes.flatMap((n) => wrapText(n, font, 9, noteWidth))
  const closingHeight =
    doc.totals.length * 18 + 26 + Math.max(noteLines.length * 13 + 30, QR_SIZE + 10) + 10
  if (y - closingHeight < MARGIN + FOOTER_HEIGHT) {
    newPage(false)
    y -= 4
  }
  y -= 10
  for (const total of doc.totals) {
    text(page, `${total.label}：`, MARGIN, y - BODY_SIZE)
    textRight(page, formatFen(total.fen), MARGIN + CONTENT_WIDTH, y - BODY_SIZE)
    y -= 18
  }
  text(page, `${doc.totals[0]!.label}（大写）：人民币${doc.capitalAmount}`, MARGIN, y - BODY_SIZE)
  y -= 26
  drawClosing(page, qrImage, y)

  function drawClosing(target: PDFPage, image: PDFImage | null, top: number) {
    let line = top - BODY_SIZE
    if (image && doc.verificationCode) {
      target.drawImage(image, {
        x: MARGIN + CONTENT_WIDTH - QR_SIZE,
        y: top - QR_SIZE,
        width: QR_SIZE,
        height: QR_SIZE,
      })
      text(target, `验证码：${doc.verificationCode}`, MARGIN, line)
      line -= 16
      text(target, '可扫描右侧二维码或凭验证码向出具机关核验本证明真伪。', MARGIN, line, 9, GREY)
      line -= 16
    }
    for (const note of noteLines) {
      text(target, note, MARGIN, line, 9, GREY)
      line -= 13
    }
  }

  // Footer on every page: where and when it was printed, and page numbers.
  const printedAt = formatReceiptTime(doc.issuedAt, timeZone)
  pages.forEach((p, i) => {
    p.drawLine({
      start: { x: MARGIN, y: MARGIN + 14 },
      end: { x: MARGIN + CONTENT_WIDTH, y: MARGIN + 14 },
      thickness: 0.5,
      color: RULE,
    })
    text(p, `${doc.hall}  终端 ${doc.terminalId}  打印时间 ${printedAt}`, MARGIN, MARGIN, 8, GREY)
    textRight(p, `第 ${i + 1} 页 / 共 ${pages.length} 页`, MARGIN + CONTENT_WIDTH, MARGIN, 8)
  })

  return pdf.save()
}
