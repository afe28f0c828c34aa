/**
 * A withdrawal's receipt and view: the amount, the wallet (masked), the outcome in the words of
 * the one rejection table, and "已到账" only for what the centre paid at once.
 */
import { describe, expect, it } from 'vitest'
import { REJECTION_SENTENCES } from '../../../../shared/domain/rejections'
import {
  withdrawalReceiptOf,
  withdrawalViewOfItem,
} from '../../../../electron/core/fund/withdrawal-view'
import type { VerifiedResidentRecord } from '../../../../electron/core/identity/identity'
import type { OutboxItem } from '../../../../electron/core/store'

const RESIDENT = {
  residentToken: 't',
  identity: { name: '陈美玲', idNumber: '350103199202145626' },
} as VerifiedResidentRecord
const at = { terminalId: 'T-01', hallName: '鼓楼大厅' }
const names = (code: string) => ({ zh: code === 'CMB' ? '招商银行' : code, en: code })

function item(kind: string, payload: object, state: OutboxItem['state'], result?: object) {
  return {
    kind,
    idempotencyKey: 'fund-Q123456789012',
    payload: {
      residentRef: 'R1',
      applicant: { idNumberMasked: '350103********5626' },
      wallet: { operatorCode: 'CMB', walletIdLast4: '0002' },
      ...payload,
    },
    state,
    applicationNo: state === 'queued' ? null : 'ZF20261205000001',
    result: result ?? null,
    createdAt: Date.parse('2026-12-05T02:00:00Z'),
    updatedAt: Date.parse('2026-12-05T02:00:01Z'),
  } as unknown as OutboxItem
}

describe('withdrawal receipts', () => {
  it('a paid once withdrawal: amount, wallet, 已转入, payout', () => {
    const view = withdrawalViewOfItem(
      item('fund.withdrawRent', { mode: 'once', amountFen: 120_000 }, 'accepted'),
      names,
    )
    expect(view).toMatchObject({
      kind: 'withdrawRent',
      status: 'accepted',
      withdrawal: { mode: 'once', amountFen: 120_000 },
      payout: { amountFen: 120_000, walletIdMasked: '************0002' },
    })
    const receipt = withdrawalReceiptOf(at, new Date(), RESIDENT, view)
    expect(receipt).toMatchObject({ title: '租房提取到数字钱包', outcomeNote: '已转入数字钱包。' })
    expect(receipt.lines).toContainEqual({ label: '金额', value: '¥1,200.00' })
    expect(receipt.lines).toContainEqual({ label: '到账钱包', value: '招商银行 ************0002' })
    expect(JSON.stringify(receipt)).not.toContain('陈美玲')
  })

  it('a plan is not paid at decision; a waiting one is not paid at all', () => {
    const plan = withdrawalViewOfItem(
      item('fund.withdrawRent', { mode: 'plan', amountFen: 150_000, payDay: 5 }, 'accepted'),
      names,
    )
    expect(plan.payout).toBeUndefined()
    expect(withdrawalReceiptOf(at, new Date(), RESIDENT, plan).outcomeNote).toContain('每月 5 日')
    const waiting = withdrawalViewOfItem(item('fund.withdrawRetire', {}, 'queued'), names)
    expect(waiting).toMatchObject({ status: 'waiting', withdrawal: { mode: 'retire' } })
    expect(waiting.payout).toBeUndefined()
  })

  it.each(['OWNS_HOME', 'AMOUNT_ABOVE_CAP', 'NOT_RETIRED', 'NO_PLAN'] as const)(
    'a refusal %s prints the centre’s sentence',
    (code) => {
      const view = withdrawalViewOfItem(
        item('fund.withdrawRent', { mode: 'once', amountFen: 1 }, 'rejected', { code }),
        names,
      )
      expect(withdrawalReceiptOf(at, new Date(), RESIDENT, view).outcomeNote).toBe(
        `未通过：${REJECTION_SENTENCES[code]}`,
      )
    },
  )
})
