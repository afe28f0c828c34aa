/**
 * Pure tax rules (shared/domain/tax.ts), the certificate document built from a centre's answer,
 * the 大写 cases certificates need, and the FAQ entries residents ask about tax.
 */
import { describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../../electron/central/seed'
import {
  AmountOutOfRangeError,
  certificateDocument,
} from '../../../../electron/core/tax/certificate-document'
import type { TaxCertificate } from '../../../../shared/central'
import { MAX_FEN, chineseCapitalAmount, formatFen } from '../../../../shared/domain/money'
import {
  addMonths,
  certificateKindFor,
  certificatePeriodProblem,
  formatVerificationCode,
  isWellFormedVerificationCode,
  last12Months,
  normalizeVerificationCode,
  recordYears,
  monthRange,
  yearRange,
} from '../../../../shared/domain/tax'
import { A4Document } from '../../../../shared/receipt'

const NOV_2026 = new Date('2026-11-20T02:00:00.000Z')

describe('Chinese capital amounts on certificates', () => {
  it.each([
    // The tricky case: no 整 after 角 (整 only after whole yuan).
    [123_450, '¥1,234.50', '壹仟贰佰叁拾肆元伍角'],
    // Zeros in the middle: one 零 for the gap in the yuan, one before 分 when 角 is zero.
    [1_000_507, '¥10,005.07', '壹万零伍元零柒分'],
    [100_000_001, '¥1,000,000.01', '壹佰万元零壹分'],
    [10_203, '¥102.03', '壹佰零贰元零叁分'],
    // Whole yuan: 整.
    [500_000, '¥5,000.00', '伍仟元整'],
    [10_000_000, '¥100,000.00', '壹拾万元整'],
    // The largest amount the kiosk prints.
    [
      MAX_FEN,
      '¥9,999,999,999,999.99',
      '玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分',
    ],
  ])('%i fen = %s → %s', (fen, figures, words) => {
    expect(formatFen(fen)).toBe(figures)
    expect(chineseCapitalAmount(fen)).toBe(words)
  })

  it("refuses a certificate whose total is above what the kiosk prints (the centre's schema allows any safe integer)", () => {
    expect(() => chineseCapitalAmount(Number.MAX_SAFE_INTEGER)).toThrow(RangeError)
    const cert = certificate({ totals: { income: 0, taxPaid: Number.MAX_SAFE_INTEGER } })
    expect(() => certificateDocument(cert, PLACE, (c) => c)).toThrow(AmountOutOfRangeError)
    expect(() =>
      certificateDocument(
        certificate({ totals: { income: MAX_FEN, taxPaid: MAX_FEN } }),
        PLACE,
        (c) => c,
      ),
    ).not.toThrow()
  })
})

const PLACE = { terminalId: 'FZ-GL-007', hall: '福州市鼓楼区办税服务厅' }

function certificate(overrides: Partial<TaxCertificate> = {}): TaxCertificate {
  return {
    certificateNo: 'NSJL20261120000001',
    kind: 'taxRecord',
    holder: { name: '王建国', maskedIdNumber: '350104********1135' },
    fromPeriod: '2019-01',
    toPeriod: '2019-12',
    rows: [
      {
        id: 'TX3-0001',
        period: '2019-06',
        taxType: '10110',
        item: '从价计征',
        withholdingAgent: '',
        income: 0,
        taxPaid: 120_000,
        paidInDate: '2019-07-10',
        taxOffice: '国家税务总局福州市仓山区税务局',
        voucherNo: '335190000000001',
      },
    ],
    totals: { income: 0, taxPaid: 120_000 },
    issuedAt: '2026-11-20T02:00:00.000Z',
    verificationCode: 'ABCDEFGHJKLMNPQR',
    qrPayload: 'hallkiosk-taxcert:v1:ABCDEFGHJKLMNPQR',
    issuingOffice: '国家税务总局福州市仓山区税务局',
    ...overrides,
  }
}

describe('certificateDocument', () => {
  it('prints the rows in Chinese with totals, 大写 and the grouped code, and passes the schema', () => {
    const doc = A4Document.parse(
      certificateDocument(certificate(), PLACE, (c) => (c === '10110' ? '房产税' : c)),
    )
    expect(doc.title).toBe('中华人民共和国纳税记录')
    expect(doc.rows).toEqual([
      ['2019-06', '房产税', '从价计征', '—', 0, 120_000, '2019-07-10', '335190000000001'],
    ])
    expect(doc.capitalAmount).toBe('壹仟贰佰元整')
    expect(doc.verificationCode).toBe('ABCD-EFGH-JKLM-NPQR')
    expect(doc.notes.at(-1)).toContain('首页选择“验证”')
  })

  it('titles by kind and tax type', () => {
    const title = (c: Partial<TaxCertificate>) =>
      certificateDocument(certificate(c), PLACE, (x) => x).title
    expect(title({ taxType: '10106' })).toBe('中华人民共和国个人所得税纳税记录')
    expect(title({ kind: 'taxPaymentProof', fromPeriod: '2017-01', toPeriod: '2018-12' })).toBe(
      '中华人民共和国税收完税证明',
    )
  })
})

describe('period rules', () => {
  it('gives a 《纳税记录》 from 2019-01 and a 完税证明 before', () => {
    expect(certificateKindFor('2019-01')).toBe('taxRecord')
    expect(certificateKindFor('2018-12')).toBe('taxPaymentProof')
  })

  it('accepts ranges on one side of 2019-01, up to this month', () => {
    expect(certificatePeriodProblem('2019-01', '2024-12', NOV_2026)).toBeNull()
    expect(certificatePeriodProblem('2017-01', '2018-12', NOV_2026)).toBeNull()
    expect(certificatePeriodProblem('2026-01', '2026-11', NOV_2026)).toBeNull()
    expect(certificatePeriodProblem('2018-12', '2019-01', NOV_2026)).toBe('PERIOD_SPANS_2019')
    expect(certificatePeriodProblem('2026-01', '2026-12', NOV_2026)).toBe('PERIOD_INVALID')
    expect(certificatePeriodProblem('2020-02', '2020-01', NOV_2026)).toBe('PERIOD_INVALID')
    expect(certificatePeriodProblem('2015-12', '2016-06', NOV_2026)).toBe('PERIOD_INVALID')
    expect(certificatePeriodProblem('2020-13', '2020-12', NOV_2026)).toBe('PERIOD_INVALID')
  })

  it('counts months in China time: 16:30 UTC on 31 Dec is already January there', () => {
    const newYear = new Date('2025-12-31T16:30:00.000Z')
    expect(last12Months(newYear)).toEqual({ from: '2025-02', to: '2026-01' })
    expect(recordYears(newYear)[0]).toBe(2026)
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2025-12', 13)).toBe('2027-01')
    expect(yearRange(2019, 2026, NOV_2026)).toEqual({ fromPeriod: '2019-01', toPeriod: '2026-11' })
    expect(yearRange(2017, 2018, NOV_2026)).toEqual({ fromPeriod: '2017-01', toPeriod: '2018-12' })
  })

  it('month ranges start in any month and are cut at this month', () => {
    const m = (year: number, month: number) => ({ year, month })
    expect(monthRange(m(2025, 7), m(2026, 6), NOV_2026)).toEqual({
      fromPeriod: '2025-07',
      toPeriod: '2026-06',
    })
    expect(monthRange(m(2026, 5), m(2026, 12), NOV_2026)).toEqual({
      fromPeriod: '2026-05',
      toPeriod: '2026-11',
    })
  })
})

describe('verification codes', () => {
  it('normalizes what people type and scanners send', () => {
    expect(normalizeVerificationCode(' abcd-efgh jklm-npqr ')).toBe('ABCDEFGHJKLMNPQR')
    expect(normalizeVerificationCode('hallkiosk-taxcert:v1:ABCDEFGHJKLMNPQR')).toBe(
      'ABCDEFGHJKLMNPQR',
    )
    expect(formatVerificationCode('abcdefghjklmnpqr')).toBe('ABCD-EFGH-JKLM-NPQR')
    expect(formatVerificationCode('ABCDEF')).toBe('ABCD-EF')
    expect(isWellFormedVerificationCode('ABCDEFGHJKLMNPQR')).toBe(true)
    expect(isWellFormedVerificationCode('ABCDEFGHJKLMNPQ0')).toBe(false)
    expect(isWellFormedVerificationCode('ABCDEFGHJKLMNPQ')).toBe(false)
  })
})

describe('help entries residents ask about tax', () => {
  it.each([
    ['check-tax-records', /纳税记录/],
    ['payment-failed', /扣款失败/],
    ['tax-and-wallet', /数字钱包/],
    ['how-to-complain', /投诉/],
  ])('%s is seeded with zh and en text', (key, zh) => {
    const item = buildDemoSeed().reference.find((i) => i.kind === 'faq' && i.key === key)
    expect(item?.kind).toBe('faq')
    if (item?.kind !== 'faq' || !item.data) throw new Error(key)
    expect(item.data.question.zh + item.data.answer.zh).toMatch(zh)
    expect(item.data.question.en).toMatch(/[a-z]/)
    expect(item.data.answer.en.length).toBeGreaterThan(40)
  })
})
