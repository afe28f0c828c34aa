/**
 * 《个人所得税纳税记录》 as banks ask for it: individual income tax only, for a month range that
 * need not start in January. Through the core against the real centre; the printed PDF's text
 * (pdftotext) holds only income-tax rows, each with its 税票号码, and the holder's full name with
 * the ID number 6+4.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import type { TaxCertificateIssued, TaxRecordsPage } from '../../../../shared/api'
import { createPdfRenderer, defaultFontPath } from '../../../../electron/core/printing/pdf'
import { formatFen } from '../../../../shared/domain/money'
import { seedRows, signIn, startTaxCore, valueOf, type TaxTestCore } from './tax.fixture'

const run = promisify(execFile)
const hasPoppler = existsSync('/usr/bin/pdftotext')

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

describe('individual income tax only', () => {
  it('certifies only 10106 rows of the months asked for, titled as the tax authority does', async () => {
    t = await startTaxCore()
    await signIn(t)
    const from = '2022-07'
    const to = '2023-06'
    const all = seedRows().filter((r) => r.period >= from && r.period <= to)
    const iit = all.filter((r) => r.taxType === '10106')
    // The range must hold other taxes too, or "only income tax" would prove nothing.
    expect(all.length).toBeGreaterThan(iit.length)
    expect(iit.length).toBeGreaterThan(0)
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', { fromPeriod: from, toPeriod: to, taxType: '10106' }),
    )
    const doc = issued.document
    expect(doc.title).toBe('中华人民共和国个人所得税纳税记录')
    expect(doc.period).toEqual({ from, to })
    expect(doc.columns.at(-1)!.title).toBe('税票号码')
    expect(doc.rows).toHaveLength(iit.length)
    for (const row of doc.rows) expect(row[1]).toBe('个人所得税')
    expect(doc.rows.map((r) => r.at(-1)).sort()).toEqual(iit.map((r) => r.voucherNo).sort())
    expect(doc.totals[0]!.fen).toBe(iit.reduce((s, r) => s + r.taxPaid, 0))

    if (!hasPoppler) return
    const pdf = join(mkdtempSync(join(tmpdir(), 'iit-')), 'iit.pdf')
    writeFileSync(pdf, await createPdfRenderer({ fontPath: defaultFontPath() }).render(doc))
    const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout
    expect(text).toContain('中华人民共和国个人所得税纳税记录')
    expect(text).toContain('王建国')
    expect(text).toContain('350104********1135')
    for (const other of ['房产税', '印花税', '车船税']) expect(text).not.toContain(other)
    const lines = text.split('\n')
    for (const row of iit) {
      const line = lines.find(
        (l) => l.trimStart().startsWith(row.period) && l.includes(row.voucherNo),
      )
      expect(line, `row ${row.id} with its voucher number`).toBeTruthy()
      expect(line).toContain(formatFen(row.taxPaid))
    }
  })

  it('shows each record’s 税票号码 in the records list', async () => {
    t = await startTaxCore()
    await signIn(t)
    const page = valueOf<TaxRecordsPage>(await t.call('tax.records', { year: 2023, pageSize: 100 }))
    const seed = new Map(seedRows().map((r) => [r.id, r.voucherNo]))
    expect(page.items.length).toBeGreaterThan(0)
    for (const item of page.items) expect(item.voucherNo).toBe(seed.get(item.id))
  })
})
