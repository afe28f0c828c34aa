import { describe, expect, it } from 'vitest'
import { buildDemoSeed, DEMO_WALLETS } from '../../../electron/central/seed'
import { isValidIdNumber, parseIdNumber } from '../../../shared/domain/id-number'
import { SEED, resident } from './central.fixture'

describe('demo seed', () => {
  it('holds exactly the demo residents', () => {
    expect(SEED.residents.map((r) => [r.name, r.idNumber, r.phone])).toEqual([
      ['林晓峰', '350102198506123417', '13800591234'],
      ['陈美玲', '350103199202145626', '13905912345'],
      ['王建国', '350104197809301135', '13705913456'],
      ['郑秀英', '350111196011050022', '13600594567'],
      ['黄子轩', '35012120010718457X', '13500595678'],
    ])
  })

  it('is deterministic', () => {
    expect(buildDemoSeed()).toEqual(SEED)
  })

  it('has ID numbers that pass GB 11643, and the bad-check-char one does not', () => {
    for (const r of SEED.residents) {
      const facts = parseIdNumber(r.idNumber)
      expect(facts?.birthDate).toBe(r.birthDate)
      expect(facts?.gender).toBe(r.gender)
    }
    expect(isValidIdNumber('350102198506123418')).toBe(false)
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
  })

  it('gives 林晓峰 a balance of exactly ¥86,432.15', () => {
    const lin = resident('林晓峰')
    expect(lin.fundAccount?.balance).toBe(8_643_215)
    expect(lin.fundRecords.at(-1)?.balanceAfter).toBe(8_643_215)
  })

  it('gives every fund account ≥ 30 records over 3+ years, with chained balances', () => {
    for (const r of SEED.residents.filter((x) => x.fundAccount)) {
      expect(r.fundRecords.length).toBeGreaterThanOrEqual(30)
      const years = new Set(r.fundRecords.map((x) => x.date.slice(0, 4)))
      expect(years.size).toBeGreaterThanOrEqual(4)
      let balance = r.openingBalance
      for (const rec of r.fundRecords) {
        expect(Number.isInteger(rec.amount)).toBe(true)
        expect(rec.balanceAfter).toBe(balance + rec.amount)
        expect(rec.balanceAfter).toBeGreaterThanOrEqual(0)
        balance = rec.balanceAfter
      }
      expect(r.fundAccount?.balance).toBe(balance)
    }
  })

  it('matches the account states of the table', () => {
    expect(resident('林晓峰').fundAccount?.status).toBe('01')
    expect(resident('陈美玲').fundAccount?.status).toBe('01')
    expect(resident('王建国').fundAccount?.status).toBe('02')
    expect(resident('郑秀英').fundAccount?.status).toBe('01')
    expect(resident('黄子轩').fundAccount).toBeNull()
    expect(resident('黄子轩').fundRecords).toEqual([])
  })

  it('binds 陈美玲 to 招商银行 with a class-2 wallet', () => {
    const chen = resident('陈美玲')
    const binding = SEED.bindings.find((b) => b.residentRef === chen.residentRef)
    expect(binding).toMatchObject({ operatorCode: 'CMB', walletClass: 2, state: 'bound' })
    expect(SEED.bindings).toHaveLength(1)
  })

  it('gives every resident tax rows in ≥ 2 periods and 王建国 every year 2017–2025', () => {
    for (const r of SEED.residents) {
      expect(new Set(r.taxRecords.map((t) => t.period)).size).toBeGreaterThanOrEqual(2)
    }
    const years = new Set(resident('王建国').taxRecords.map((t) => t.period.slice(0, 4)))
    for (let y = 2017; y <= 2025; y++) expect(years.has(String(y))).toBe(true)
    expect(resident('王建国').taxRecords.length).toBeGreaterThan(100)
    expect(resident('郑秀英').taxRecords.length).toBeLessThanOrEqual(5)
  })

  it('has a wallet registry covering the bind rules', () => {
    const byId = new Map(DEMO_WALLETS.map((w) => [w.walletId, w]))
    expect(byId.get('0021000086432151')).toMatchObject({
      operatorCode: 'ICBC',
      walletClass: 2,
      holderName: '林晓峰',
    })
    expect(byId.get('0021000086432169')?.walletClass).toBe(4)
    expect(byId.get('0021000099990001')?.holderName).not.toBe('林晓峰')
  })

  it('seeds the 9 partner operators in order, FAQ in zh + en, labels, hours and a notice', () => {
    const ops = SEED.reference.filter((i) => i.kind === 'walletOperator')
    expect(ops.map((o) => o.data?.name)).toEqual([
      '工商银行',
      '农业银行',
      '中国银行',
      '建设银行',
      '交通银行',
      '邮储银行',
      '招商银行',
      '微众银行',
      '网商银行',
    ])
    const faq = SEED.reference.filter((i) => i.kind === 'faq')
    expect(faq.length).toBeGreaterThanOrEqual(10)
    const fundTypes = SEED.reference.filter(
      (i) => i.kind === 'businessType' && i.key.startsWith('fund:'),
    )
    expect(fundTypes).toHaveLength(16)
    expect(SEED.reference.some((i) => i.kind === 'serviceHours')).toBe(true)
    expect(SEED.reference.some((i) => i.kind === 'notice')).toBe(true)
  })
})
