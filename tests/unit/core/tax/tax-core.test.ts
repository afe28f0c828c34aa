/**
 * Tax services through the core against the real bundled central service: records by
 * year and tax type with paging and totals checked against the seed, the last-12-months window,
 * certificates of both kinds prepared for printing, and verification of their codes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type {
  CertificateVerification,
  TaxCertificateIssued,
  TaxRecordsPage,
} from '../../../../shared/api'
import { chineseCapitalAmount } from '../../../../shared/domain/money'
import { last12Months } from '../../../../shared/domain/tax'
import {
  TERMINAL_ID,
  WANG,
  seedRows,
  signIn,
  startTaxCore,
  sum,
  valueOf,
  type TaxTestCore,
} from './tax.fixture'

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

const rowsOf = (year: number) => seedRows().filter((r) => r.period.startsWith(`${year}-`))

describe('tax.records', () => {
  it('lists a year newest first, a page at a time, with totals over the whole year', async () => {
    t = await startTaxCore()
    await signIn(t)
    const seed = rowsOf(2019)
    const first = valueOf<TaxRecordsPage>(await t.call('tax.records', { year: 2019, pageSize: 10 }))
    expect(first.total).toBe(seed.length)
    expect(first.totals).toEqual(sum(seed))
    expect(first.window).toEqual({ year: 2019, from: '2019-01', to: '2019-12' })
    expect(first.items).toHaveLength(10)
    expect(first.items[0]!.period).toBe('2019-12')
    expect(first.items.find((r) => r.taxType.code === '10106')!.taxType).toEqual({
      code: '10106',
      label: { zh: '个人所得税', en: 'Individual income tax' },
    })
    const all: TaxRecordsPage['items'] = []
    for (let page = 1; page <= Math.ceil(seed.length / 10); page++) {
      all.push(
        ...valueOf<TaxRecordsPage>(await t.call('tax.records', { year: 2019, page, pageSize: 10 }))
          .items,
      )
    }
    expect(all.map((r) => r.id).sort()).toEqual(seed.map((r) => r.id).sort())
    expect(sum(all)).toEqual(sum(seed))
  })

  it('filters by tax type, and says plainly when a year has nothing', async () => {
    t = await startTaxCore()
    await signIn(t)
    const seed = rowsOf(2023).filter((r) => r.taxType === '10106')
    const page = valueOf<TaxRecordsPage>(
      await t.call('tax.records', { year: 2023, taxType: '10106', pageSize: 100 }),
    )
    expect(page.items.every((r) => r.taxType.code === '10106')).toBe(true)
    expect(page.total).toBe(seed.length)
    expect(page.totals).toEqual(sum(seed))
    const empty = valueOf<TaxRecordsPage>(await t.call('tax.records', { year: 2016 }))
    expect(empty).toMatchObject({ total: 0, items: [], totals: { income: 0, taxPaid: 0 } })
  })

  it('defaults to the last 12 months across the year boundary, totalled by the core', async () => {
    // Mid-2025: the window is 2024-07 .. 2025-06, from two calendar years.
    t = await startTaxCore('2025-06-20T02:00:00.000Z')
    await signIn(t)
    const window = last12Months(t.clock.now())
    expect(window).toEqual({ from: '2024-07', to: '2025-06' })
    const seed = seedRows().filter((r) => r.period >= window.from && r.period <= window.to)
    const first = valueOf<TaxRecordsPage>(await t.call('tax.records', { pageSize: 5 }))
    expect(first.window).toEqual({ year: null, ...window })
    expect(first.total).toBe(seed.length)
    expect(first.totals).toEqual(sum(seed))
    expect(first.items.map((r) => r.period)).toEqual(
      [...seed]
        .reverse()
        .slice(0, 5)
        .map((r) => r.period),
    )
    const last = valueOf<TaxRecordsPage>(
      await t.call('tax.records', { pageSize: 5, page: Math.ceil(seed.length / 5) }),
    )
    expect(last.items.at(-1)!.period).toBe(window.from)
    expect(first.years[0]).toBe(2025)
    expect(first.years).toHaveLength(10)
  })

  it('needs a verified resident and a session; strict input', async () => {
    t = await startTaxCore()
    expect(await t.call('tax.records', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_SESSION' },
    })
    valueOf(await t.call('session.start', {}))
    expect(await t.call('tax.records', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    })
    expect(await t.call('tax.records', { year: 2019, idNumber: WANG } as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})

describe('tax.certificate', () => {
  it('issues a 《纳税记录》 for 2019–2024 with every row, totals and 大写, ready to print', async () => {
    t = await startTaxCore()
    await signIn(t)
    const seed = seedRows().filter((r) => r.period >= '2019-01' && r.period <= '2024-12')
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' }),
    )
    const doc = issued.document
    expect(issued.certificateKind).toBe('taxRecord')
    expect(doc.title).toBe('中华人民共和国纳税记录')
    expect(doc.holder).toEqual({ name: '王建国', idNumber: '350104********1135' })
    expect(doc.period).toEqual({ from: '2019-01', to: '2024-12' })
    expect(doc.rows).toHaveLength(seed.length)
    expect(doc.totals).toEqual([
      { label: '实缴(退)金额合计', fen: sum(seed).taxPaid },
      { label: '收入合计', fen: sum(seed).income },
    ])
    expect(doc.capitalAmount).toBe(chineseCapitalAmount(sum(seed).taxPaid))
    expect(doc.verificationCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/)
    expect(doc.terminalId).toBe(TERMINAL_ID)
    expect(issued.qrSvg).toContain('<svg')
    expect(JSON.stringify(doc)).not.toContain(WANG)

    await expect
      .poll(() => t!.core.internals.devices.list().find((d) => d.kind === 'a4Printer')?.state)
      .toBe('READY')
    const printed = await t.call('print.print', { printableId: issued.printableId })
    expect(printed).toMatchObject({ ok: true, value: { printer: 'a4Printer' } })
    expect(t.core.internals.printers.a4Printer.simulated!.jobs).toHaveLength(1)
    // The journal keeps what identifies the certificate, never its rows or totals.
    const journal = JSON.stringify(t.core.internals.data()!.receipts.list())
    expect(journal).toContain(doc.documentNo)
    expect(journal).not.toContain(String(sum(seed).taxPaid))
    expect(journal).not.toContain('工资薪金所得')
  })

  it('issues a 完税证明 for 2017–2018', async () => {
    t = await startTaxCore()
    await signIn(t)
    const seed = seedRows().filter((r) => r.period >= '2017-01' && r.period <= '2018-12')
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', { fromPeriod: '2017-01', toPeriod: '2018-12' }),
    )
    expect(issued.certificateKind).toBe('taxPaymentProof')
    expect(issued.document.title).toBe('中华人民共和国税收完税证明')
    expect(issued.document.rows).toHaveLength(seed.length)
    expect(issued.document.totals[0]!.fen).toBe(sum(seed).taxPaid)
  })

  it('refuses ranges across 2019, in the future or before the records, without printing', async () => {
    t = await startTaxCore()
    await signIn(t)
    const refused = async (fromPeriod: string, toPeriod: string) =>
      (await t!.call('tax.certificate', { fromPeriod, toPeriod })) as {
        ok: false
        error: { code: string }
      }
    expect((await refused('2018-01', '2019-12')).error.code).toBe('PERIOD_SPANS_2019')
    expect((await refused('2026-01', '2027-12')).error.code).toBe('PERIOD_INVALID')
    expect((await refused('2020-05', '2020-01')).error.code).toBe('PERIOD_INVALID')
    expect((await refused('2015-01', '2015-12')).error.code).toBe('PERIOD_INVALID')
    expect((await refused('2016-01', '2016-12')).error.code).toBe('NO_TAX_RECORDS')
    expect(t.core.internals.printables.size()).toBe(0)
  })
})

describe('certificate.verify', () => {
  it('verifies an issued code however it is typed or scanned; a changed code is invalid', async () => {
    t = await startTaxCore()
    await signIn(t)
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' }),
    )
    const code = issued.document.verificationCode!
    // A third party at the terminal: the resident's session is over, nobody is signed in.
    const { sessionId } = { sessionId: t.core.internals.sessions.current()!.id }
    valueOf(await t.call('session.end', { sessionId, reason: 'finish' }))

    for (const typed of [
      code,
      code.toLowerCase(),
      code.replaceAll('-', ' '),
      issued.document.qrPayload!,
    ]) {
      const v = valueOf<CertificateVerification>(
        await t.call('certificate.verify', { code: typed }),
      )
      expect(v).toMatchObject({
        valid: true,
        code,
        certificateNo: issued.document.documentNo,
        kind: 'taxRecord',
        holder: { name: '王建国', maskedIdNumber: '350104********1135' },
        fromPeriod: '2019-01',
        toPeriod: '2024-12',
        totals: { taxPaid: issued.document.totals[0]!.fen, income: issued.document.totals[1]!.fen },
        rowCount: issued.document.rows.length,
      })
    }
    const bare = code.replaceAll('-', '')
    const tampered = bare.slice(0, 5) + (bare[5] === 'A' ? 'B' : 'A') + bare.slice(6)
    expect(valueOf(await t.call('certificate.verify', { code: tampered }))).toEqual({
      valid: false,
      code: tampered.replace(/(.{4})(?=.)/g, '$1-'),
      reason: 'unknown',
    })
    expect(valueOf(await t.call('certificate.verify', { code: bare.slice(0, 12) }))).toMatchObject({
      valid: false,
      reason: 'malformed',
    })
    expect(
      valueOf(await t.call('certificate.verify', { code: bare.slice(0, 15) + '0' })),
    ).toMatchObject({
      valid: false,
      reason: 'malformed',
    })
  })

  it('says the centre is unreachable rather than "invalid" when it cannot ask', async () => {
    t = await startTaxCore()
    await t.central.stop()
    const result = await t.call('certificate.verify', { code: 'ABCD-EFGH-JKLM-NPQR' })
    expect(result).toMatchObject({ ok: false, error: { code: 'CENTRAL_UNREACHABLE' } })
    t.central.stop = async () => {}
  })
})
