/**
 * The deposit certificate (个人住房公积金缴存证明) through the core against the real bundled
 * central service: issued with the account's facts, the holder's full name and the ID number
 * masked 6+4; verified by its code or QR through the one verification that also answers for tax
 * certificates; a changed code is not genuine. The fund statement carries no code at all.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type {
  CertificateVerification,
  DepositCertificateIssued,
  TaxCertificateIssued,
} from '../../../../shared/api'
import { buildDemoSeed } from '../../../../electron/central/seed'
import { continuousDepositMonths } from '../../../../electron/central/deposit-months'
import { formatFen } from '../../../../shared/domain/money'
import { signIn, startTaxCore, valueOf, type TaxTestCore } from '../tax/tax.fixture'

const LIN = '350102198506123417'
const lin = () => buildDemoSeed().residents.find((r) => r.idNumber === LIN)!

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

async function endSession(core: TaxTestCore) {
  const sessionId = core.core.internals.sessions.current()!.id
  valueOf(await core.call('session.end', { sessionId, reason: 'finish' }))
}

describe('fund.depositCertificate', () => {
  it('prints the account facts, the full name and the ID number 6+4', async () => {
    t = await startTaxCore()
    await signIn(t, LIN)
    const issued = valueOf<DepositCertificateIssued>(await t.call('fund.depositCertificate', {}))
    const doc = issued.document
    const account = lin().fundAccount!
    expect(doc.title).toBe('个人住房公积金缴存证明')
    expect(doc.holder).toEqual({ name: '林晓峰', idNumber: '350102********3417' })
    const facts = Object.fromEntries(doc.rows as [string, string][])
    expect(facts).toMatchObject({
      缴存状态: '正常缴存',
      缴存单位: account.employerName,
      开户日期: account.openedDate,
      缴存基数: formatFen(account.depositBase),
      '月缴存额（个人+单位）': formatFen(
        account.monthlyDeposit.personal + account.monthlyDeposit.employer,
      ),
      缴至年月: `${account.paidUpTo.slice(0, 4)}年${account.paidUpTo.slice(5)}月`,
      连续缴存月数: `${continuousDepositMonths(lin().fundRecords, account.paidUpTo)} 个月`,
    })
    expect(facts['个人账号']).toMatch(/^\*+\d{4}$/)
    expect(doc.totals).toEqual([{ label: '账户余额', fen: account.balance }])
    expect(doc.verificationCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/)
    expect(doc.qrPayload).toBe(`hallkiosk-fundcert:v1:${doc.verificationCode!.replaceAll('-', '')}`)
    expect(issued.qrSvg).toContain('<svg')
  })

  it('is refused in words to a resident without a fund account', async () => {
    t = await startTaxCore()
    await signIn(t, '35012120010718457X')
    expect(await t.call('fund.depositCertificate', {})).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'NO_FUND_ACCOUNT' },
    })
  })
})

describe('certificate.verify: one verification for both kinds', () => {
  it('verifies a deposit certificate by code or QR after the session, and not a changed code', async () => {
    t = await startTaxCore()
    await signIn(t, LIN)
    const issued = valueOf<DepositCertificateIssued>(await t.call('fund.depositCertificate', {}))
    await endSession(t)
    const code = issued.document.verificationCode!
    const account = lin().fundAccount!
    for (const typed of [
      code,
      code.toLowerCase(),
      ` ${code.replaceAll('-', '')} `,
      issued.document.qrPayload!,
      issued.document.qrPayload!.toUpperCase(),
    ]) {
      const v = valueOf<CertificateVerification>(
        await t.call('certificate.verify', { code: typed }),
      )
      expect(v).toMatchObject({
        valid: true,
        kind: 'fundDeposit',
        code,
        certificateNo: issued.document.documentNo,
        holder: { name: '林晓峰', maskedIdNumber: '350102********3417' },
        employerName: account.employerName,
        balance: account.balance,
        paidUpTo: account.paidUpTo,
        status: '01',
      })
    }
    const bare = code.replaceAll('-', '')
    const changed = bare.slice(0, 15) + (bare[15] === 'A' ? 'B' : 'A')
    expect(valueOf(await t.call('certificate.verify', { code: changed }))).toEqual({
      valid: false,
      code: changed.replace(/(.{4})(?=.)/g, '$1-'),
      reason: 'unknown',
    })
  })

  it('verifies a tax certificate through the same method, income tax only named as such', async () => {
    t = await startTaxCore()
    await signIn(t)
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', {
        fromPeriod: '2023-01',
        toPeriod: '2023-12',
        taxType: '10106',
      }),
    )
    await endSession(t)
    const v = valueOf<CertificateVerification>(
      await t.call('certificate.verify', { code: issued.document.qrPayload! }),
    )
    expect(v).toMatchObject({
      valid: true,
      kind: 'taxRecord',
      taxType: '10106',
      holder: { name: '王建国', maskedIdNumber: '350104********1135' },
      fromPeriod: '2023-01',
      toPeriod: '2023-12',
    })
  })
})

describe('the fund statement', () => {
  it('carries no verification code or QR: the centre could not verify it', async () => {
    t = await startTaxCore()
    await signIn(t, LIN)
    const { printableId } = valueOf<{ printableId: string }>(
      await t.call('fund.statement', { from: '2024-01-01', to: '2024-12-31' }),
    )
    const preview = valueOf<{ qrPayload: string | null }>(
      await t.call('print.preview', { printableId }),
    )
    expect(preview.qrPayload).toBeNull()
  })
})

describe('continuousDepositMonths', () => {
  const dep = (date: string, businessType: '01' | '02' = '01', summary = '') => ({
    id: date,
    date,
    businessType,
    amount: 100,
    balanceAfter: 100,
    summary,
  })
  it('counts back from the paid-up-to month; a late 补缴 closes its gap, a missing month ends the run', () => {
    const rows = [dep('2025-01-15'), dep('2025-03-15'), dep('2025-04-15'), dep('2025-05-15')]
    expect(continuousDepositMonths(rows, '2025-05')).toBe(3)
    rows.push(dep('2025-03-15', '02', '2025年02月 补缴'))
    expect(continuousDepositMonths(rows, '2025-05')).toBe(5)
    expect(continuousDepositMonths(rows, '2025-06')).toBe(0)
    expect(continuousDepositMonths([], '2025-05')).toBe(0)
  })
})
