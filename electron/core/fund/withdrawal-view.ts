/**
 * How a withdrawal application looks to the resident (an outbox item, waiting or answered) and its
 * receipt as printed (Chinese only; the screen's words come from i18n).
 */
import type { ApplicationView } from '../../../shared/api'
import { maskAccountNo, maskIdNumber, maskName } from '../../../shared/domain/masking'
import { formatFen } from '../../../shared/domain/money'
import { rejectionSentence } from '../../../shared/domain/rejections'
import { RECEIPT_APPLICATION_QR_PREFIX } from '../../../shared/domain/scanned-code'
import type { ReceiptInput } from '../../../shared/receipt'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { OutboxItem } from '../store'
import type { OperatorName } from './application-view'
import type { PrintedAt } from './documents'

/** Outbox kinds of the withdrawals (the push maps `fund.withdrawRent` to the wire kind). */
export const WITHDRAWAL_OUTBOX_KINDS = {
  withdrawRent: 'fund.withdrawRent',
  rentPlanChange: 'fund.rentPlanChange',
  withdrawRetire: 'fund.withdrawRetire',
} as const
export type WithdrawalKind = keyof typeof WITHDRAWAL_OUTBOX_KINDS

/** The outbox payload: the wire payload plus what the receipt and the status lookup show. */
export interface WithdrawalOutboxPayload {
  residentRef: string
  mode?: 'once' | 'plan'
  action?: 'change' | 'stop'
  /** Rent and plan change: the amount asked for; retirement: the amount available when asked. */
  amountFen?: number
  applicant: { idNumberMasked: string }
  /** The bound wallet when the application was made (null if the centre could not be asked). */
  wallet: { operatorCode: string; walletIdLast4: string } | null
  /** A plan: the pay day the centre published, for the receipt. */
  payDay?: number
}

/** The withdrawal kind of an outbox kind, or null for any other item. */
export function withdrawalKindOf(outboxKind: string): WithdrawalKind | null {
  const entry = Object.entries(WITHDRAWAL_OUTBOX_KINDS).find(([, k]) => k === outboxKind)
  return entry ? (entry[0] as WithdrawalKind) : null
}

const masked = (last4: string) => maskAccountNo('************' + last4)

type Mode = NonNullable<ApplicationView['withdrawal']>['mode']

function modeOf(kind: WithdrawalKind, p: WithdrawalOutboxPayload): Mode {
  if (kind === 'withdrawRetire') return 'retire'
  if (kind === 'rentPlanChange') return p.action === 'stop' ? 'stop' : 'change'
  return p.mode === 'plan' ? 'plan' : 'once'
}

/** The resident-facing view of a withdrawal outbox item. */
export function withdrawalViewOfItem(
  item: OutboxItem,
  operatorName: OperatorName,
): ApplicationView {
  const kind = withdrawalKindOf(item.kind) ?? 'withdrawRent'
  const p = item.payload as WithdrawalOutboxPayload
  const result = (item.result ?? {}) as { code?: string; notices?: string[] }
  const status: ApplicationView['status'] =
    item.state === 'accepted'
      ? 'accepted'
      : item.state === 'queued' || item.state === 'sent'
        ? 'waiting'
        : 'rejected'
  const mode = modeOf(kind, p)
  const wallet = p.wallet
  const paidAtOnce = status === 'accepted' && (mode === 'once' || mode === 'retire')
  return {
    localNo: item.idempotencyKey.replace(/^fund-/, ''),
    applicationNo: item.applicationNo,
    kind,
    status,
    rejection: status === 'rejected' ? (result.code ?? 'UNKNOWN') : null,
    notices: result.notices ?? [],
    binding: wallet
      ? {
          state: 'bound',
          operatorCode: wallet.operatorCode,
          operatorName: operatorName(wallet.operatorCode),
          walletIdMasked: masked(wallet.walletIdLast4),
        }
      : null,
    createdAt: new Date(item.createdAt).toISOString(),
    decidedAt: status === 'waiting' ? null : new Date(item.updatedAt).toISOString(),
    withdrawal: {
      mode,
      amountFen: mode === 'stop' ? null : (p.amountFen ?? null),
      ...(p.payDay ? { payDay: p.payDay } : {}),
    },
    ...(paidAtOnce && wallet && p.amountFen !== undefined
      ? {
          payout: {
            amountFen: p.amountFen,
            operatorName: operatorName(wallet.operatorCode),
            walletIdMasked: masked(wallet.walletIdLast4),
            paidAt: new Date(item.updatedAt).toISOString(),
          },
        }
      : {}),
  }
}

const TITLES: Record<Mode, string> = {
  once: '租房提取到数字钱包',
  plan: '按月租房提取到数字钱包',
  change: '按月提取计划变更',
  stop: '按月提取计划停止',
  retire: '退休提取到数字钱包',
}

/** The receipt of a withdrawal application as it stands in `view`. */
export function withdrawalReceiptOf(
  at: PrintedAt,
  issuedAt: Date,
  r: VerifiedResidentRecord,
  view: ApplicationView,
): ReceiptInput {
  const w = view.withdrawal ?? { mode: 'once' as const, amountFen: null }
  const outcome =
    view.status === 'waiting' ? 'queued' : view.status === 'rejected' ? 'rejected' : 'accepted'
  const payDay = 'payDay' in w && typeof w.payDay === 'number' ? w.payDay : null
  const accepted: Record<Mode, string> = {
    once: '已转入数字钱包。',
    plan: `按月提取已生效${payDay ? `，每月 ${payDay} 日` : ''}转入数字钱包。`,
    change: '按月提取金额已变更，下次转入起生效。',
    stop: '按月提取已停止。',
    retire: '已转入数字钱包，公积金账户已销户。',
  }
  const note =
    view.status === 'waiting'
      ? '已受理，待中心确认。网络恢复后自动上送，不会重复办理。'
      : view.status === 'rejected'
        ? `未通过：${view.rejection ? (rejectionSentence(view.rejection) ?? view.rejection) : ''}`
        : accepted[w.mode]
  const lines: { label: string; value: string }[] = [
    { label: '受理编号', value: view.localNo ?? '-' },
  ]
  if (w.amountFen !== null) {
    lines.push({
      label: w.mode === 'plan' || w.mode === 'change' ? '每月金额' : '金额',
      value: formatFen(w.amountFen),
    })
  }
  if (view.binding) {
    lines.push({
      label: '到账钱包',
      value: `${view.binding.operatorName.zh} ${view.binding.walletIdMasked}`,
    })
  }
  const number = view.applicationNo ?? view.localNo ?? ''
  return {
    terminalId: at.terminalId,
    hall: at.hallName,
    issuedAt: issuedAt.toISOString(),
    service: `fund.${view.kind}`,
    title: TITLES[w.mode],
    holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
    outcome,
    outcomeNote: note,
    reference: { kind: 'application', number },
    qrPayload: `${RECEIPT_APPLICATION_QR_PREFIX}${view.localNo ?? number}`,
    lines,
    footer: '凭受理编号和身份证号后四位，可在本终端“办理进度查询”查看结果。服务热线 12329',
  }
}
