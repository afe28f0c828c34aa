/**
 * A deposit certificate from the centre → the A4 document the terminal prints and previews.
 * Printed in Chinese whatever the screen language (an official paper). The facts are a two-column
 * table, one fact a row, so the same PDF layout serves it as it serves tax certificates; the
 * balance is the total under the table, with its 大写.
 */
import type { DepositCertificate, FundAccountStatus } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import { MAX_FEN, chineseCapitalAmount, formatFen } from '../../../shared/domain/money'
import { formatVerificationCode } from '../../../shared/domain/tax'
import type { A4DocumentInput } from '../../../shared/receipt'
import { AmountOutOfRangeError, type CertificatePlace } from '../tax/certificate-document'

export const DEPOSIT_CERTIFICATE_TITLE = '个人住房公积金缴存证明'

/** Account statuses as the centre prints them (JGJ/T 320-2014 codes). */
const STATUS_WORDS: Record<FundAccountStatus, string> = {
  '01': '正常缴存',
  '02': '封存',
  '03': '合并销户',
  '04': '外部转出销户',
  '05': '提取销户',
  '06': '冻结',
  '99': '其他',
}

const NOTES = [
  '本证明依据住房公积金管理中心业务系统记载的信息开具，反映开具时的缴存情况。',
  '本证明所载证件号码已部分隐去，请与持证人出示的居民身份证核对。',
  '真伪查验：在政务自助终端首页选择“验证”，输入验证码或扫描二维码；也可拨打 12329 服务热线。',
]

/** `2026-03` → `2026年03月`. */
const month = (ym: string) => `${ym.slice(0, 4)}年${ym.slice(5, 7)}月`

/** Builds the A4 document for `cert`; a figure the kiosk cannot print refuses the certificate. */
export function depositCertificateDocument(
  cert: DepositCertificate,
  place: CertificatePlace,
): A4DocumentInput {
  for (const fen of [cert.balance, cert.depositBase, cert.monthlyDeposit]) {
    if (fen > MAX_FEN) throw new AmountOutOfRangeError(fen)
  }
  const facts: [string, string][] = [
    ['缴存状态', STATUS_WORDS[cert.status]],
    ['个人账号', cert.accountNoMasked],
    ['缴存单位', cert.employerName],
    ['开户日期', cert.openedDate],
    ['缴存基数', formatFen(cert.depositBase)],
    ['月缴存额（个人+单位）', formatFen(cert.monthlyDeposit)],
    ['缴至年月', month(cert.paidUpTo)],
    ['连续缴存月数', `${cert.continuousMonths} 个月`],
  ]
  return {
    kind: 'certificate',
    title: DEPOSIT_CERTIFICATE_TITLE,
    issuer: cert.issuingOffice,
    documentNo: cert.certificateNo,
    holder: { name: cert.holder.name, idNumber: cert.holder.maskedIdNumber },
    period: { from: cert.openedDate, to: chinaToday(new Date(cert.issuedAt)) },
    columns: [
      { title: '项目', kind: 'text', width: 1 },
      { title: '内容', kind: 'text', width: 2 },
    ],
    rows: facts,
    totals: [{ label: '账户余额', fen: cert.balance }],
    capitalAmount: chineseCapitalAmount(cert.balance),
    verificationCode: formatVerificationCode(cert.verificationCode),
    qrPayload: cert.qrPayload,
    issuedAt: cert.issuedAt,
    terminalId: place.terminalId,
    hall: place.hall,
    notes: NOTES,
  }
}
