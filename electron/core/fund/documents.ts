/**
 * The fund's printables: the receipt of a bind / unbind application and the A4 statement of
 * account. Chinese only, as printed; the screen's words come from i18n. The statement is printed
 * by the terminal, not issued by the centre, so it carries no verification code: a bank that needs
 * proof gets the deposit certificate (electron/core/certificates/), which the centre keeps.
 */
import { randomBytes } from 'node:crypto'
import type { ApplicationView, FundRecordView } from '../../../shared/api'
import type { FundBusinessType } from '../../../shared/central'
import { chinaToday, newLocalApplicationNo } from '../../../shared/domain/fund'
import { maskIdNumber, maskName } from '../../../shared/domain/masking'
import { chineseCapitalAmount, formatFen } from '../../../shared/domain/money'
import { rejectionSentence } from '../../../shared/domain/rejections'
import { RECEIPT_APPLICATION_QR_PREFIX } from '../../../shared/domain/scanned-code'
import type { A4DocumentInput, ReceiptInput } from '../../../shared/receipt'
import type { VerifiedResidentRecord } from '../identity/identity'

/** Where a printable was made: the terminal and its hall. */
export interface PrintedAt {
  terminalId: string
  hallName: string
}

/**
 * Why an application was refused, as the receipt prints it: the centre's sentence for each of its
 * codes (shared with the centre's `reason`, so paper and record agree); a code the centre does not
 * use (the terminal's own `LOCAL_INVALID`) is printed as it is, so staff can still look it up.
 */
function rejectionOnPaper(code: string | null | undefined): string {
  return code ? (rejectionSentence(code) ?? code) : ''
}

/** The receipt of an application as it stands in `view`. */
export function receiptOf(
  at: PrintedAt,
  issuedAt: Date,
  r: VerifiedResidentRecord,
  view: ApplicationView,
  service: 'fund.bind' | 'fund.unbind',
): ReceiptInput {
  const outcome =
    view.status === 'waiting' ? 'queued' : view.status === 'rejected' ? 'rejected' : 'accepted'
  const bind = service === 'fund.bind'
  const note =
    view.status === 'waiting'
      ? '已受理，待中心确认。网络恢复后自动上送，不会重复办理。'
      : view.status === 'rejected'
        ? `未通过：${rejectionOnPaper(view.rejection)}`
        : bind
          ? view.binding?.state === 'pending'
            ? '中心已受理，绑定生效后提取资金可到账该钱包。'
            : '绑定成功，提取资金可直接到账该钱包。'
          : view.binding?.state === 'unbinding'
            ? '中心已受理，解绑一般在 1 个工作日内完成。'
            : '解绑成功，提取资金不再到账该钱包。'
  const lines: { label: string; value: string }[] = [
    { label: '受理编号', value: view.localNo ?? '-' },
  ]
  if (view.binding) {
    lines.push({ label: '钱包运营机构', value: view.binding.operatorName.zh })
    lines.push({ label: '钱包编号', value: view.binding.walletIdMasked })
  }
  if (view.notices.includes('ACCOUNT_SEALED')) {
    lines.push({ label: '提示', value: '公积金账户处于封存状态' })
  }
  const number = view.applicationNo ?? view.localNo ?? ''
  return {
    terminalId: at.terminalId,
    hall: at.hallName,
    issuedAt: issuedAt.toISOString(),
    service,
    title: bind ? '公积金绑定数字钱包' : '公积金解绑数字钱包',
    holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
    outcome,
    outcomeNote: note,
    reference: { kind: 'application', number },
    qrPayload: `${RECEIPT_APPLICATION_QR_PREFIX}${view.localNo ?? number}`,
    lines,
    footer: '凭受理编号和身份证号后四位，可在本终端“办理进度查询”查看结果。服务热线 12329',
  }
}

/** The A4 statement of `rows` over the filtered period, with its totals. */
export function statementDocument(
  at: PrintedAt,
  issuedAt: Date,
  r: VerifiedResidentRecord,
  filter: { from: string; to: string; businessType?: FundBusinessType | undefined },
  typeLabel: string | undefined,
  rows: readonly FundRecordView[],
  totals: { credit: number; debit: number; net: number },
): A4DocumentInput {
  const documentNo = `ST${chinaToday(issuedAt).replaceAll('-', '')}${newLocalApplicationNo((n) => randomBytes(n)).slice(1, 7)}`
  const typeNote = filter.businessType
    ? `业务类型：${typeLabel ?? filter.businessType}`
    : '业务类型：全部'
  const document: A4DocumentInput = {
    kind: 'statement',
    title: '住房公积金个人明细对账单',
    issuer: '住房公积金管理中心',
    documentNo,
    holder: { name: maskName(r.identity.name), idNumber: maskIdNumber(r.identity.idNumber) },
    period: { from: filter.from, to: filter.to },
    columns: [
      { title: '日期', kind: 'text', width: 2 },
      { title: '业务类型', kind: 'text', width: 2 },
      { title: '发生额', kind: 'money', width: 2 },
      { title: '余额', kind: 'money', width: 2 },
    ],
    rows: rows.map((rec) => [rec.date, rec.typeLabel.zh, rec.amount, rec.balanceAfter]),
    totals: [
      { label: '发生额合计（净额）', fen: totals.net },
      { label: '收入合计', fen: totals.credit },
      { label: '支出合计', fen: -totals.debit },
    ],
    capitalAmount: chineseCapitalAmount(totals.net),
    issuedAt: issuedAt.toISOString(),
    terminalId: at.terminalId,
    hall: at.hallName,
    notes: [
      typeNote,
      `共 ${rows.length} 笔；收入 ${formatFen(totals.credit)}，支出 ${formatFen(totals.debit)}。`,
      '本对账单由自助终端打印，账户号已脱敏，仅供个人核对使用，不作为证明；需要证明的请打印缴存证明。',
    ],
  }
  return document
}
