/**
 * The words a refused application's receipt prints come from the one table the centre's `reason`
 * uses (shared/domain/rejections.ts), so paper and record agree; a code the centre does not use is
 * printed as it is, and a code spelled like an object's own member finds no sentence.
 */
import { describe, expect, it } from 'vitest'
import type { ApplicationView } from '../../../../shared/api'
import { APPLICATION_REJECTION_CODES } from '../../../../shared/central'
import { REJECTION_SENTENCES, rejectionSentence } from '../../../../shared/domain/rejections'
import { receiptOf } from '../../../../electron/core/fund/documents'
import type { VerifiedResidentRecord } from '../../../../electron/core/identity/identity'

const RESIDENT: VerifiedResidentRecord = {
  residentToken: 'token',
  tokenExpiresAt: new Date('2026-01-01T00:10:00Z'),
  identity: {
    residentRef: 'r-1',
    name: '林晓峰',
    idNumber: '350102198506123417',
    gender: 'M',
    birthDate: '1985-06-12',
    maskedPhone: '138****1234',
    hasFundAccount: true,
  },
  method: 'card+face',
  verifiedAt: new Date('2026-01-01T00:00:00Z'),
}

function refused(rejection: string | null): string | undefined {
  const view: ApplicationView = {
    localNo: 'L12345678',
    applicationNo: 'A1',
    kind: 'bind',
    status: 'rejected',
    rejection,
    notices: [],
    binding: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    decidedAt: '2026-01-01T00:00:01.000Z',
  }
  const at = { terminalId: 'T-01', hallName: '鼓楼大厅' }
  return receiptOf(at, new Date('2026-01-01T00:00:02Z'), RESIDENT, view, 'fund.bind').outcomeNote
}

describe('rejection words on receipts', () => {
  it.each(APPLICATION_REJECTION_CODES.map((code) => [code]))(
    '%s prints the sentence the centre sends as its reason',
    (code) => {
      expect(refused(code)).toBe(`未通过：${REJECTION_SENTENCES[code]}`)
    },
  )

  it('keeps the words receipts printed before the table was shared', () => {
    expect(refused('NO_FUND_ACCOUNT')).toBe('未通过：没有公积金账户')
    expect(refused('ALREADY_BOUND')).toBe('未通过：已绑定其他钱包，请先解绑')
    expect(refused('WALLET_NOT_FOUND')).toBe('未通过：未找到该钱包，请核对钱包编号和运营机构')
  })

  it('prints a terminal-side or unknown code as it is, and nothing for no code', () => {
    expect(refused('LOCAL_INVALID')).toBe('未通过：LOCAL_INVALID')
    expect(refused('constructor')).toBe('未通过：constructor')
    expect(refused('__proto__')).toBe('未通过：__proto__')
    expect(refused(null)).toBe('未通过：')
  })

  it('finds sentences by own key only', () => {
    expect(rejectionSentence('toString')).toBeUndefined()
    expect(rejectionSentence('hasOwnProperty')).toBeUndefined()
    expect(rejectionSentence('PAYLOAD_INVALID')).toBe('申请内容不完整或格式不对')
  })
})
