/**
 * A certificate from the centre → the A4 document the terminal prints and previews.
 * Printed in Chinese whatever the screen language: it is an official paper. The holder comes from
 * the centre as printed (full name, ID number masked 6+4); the tax rows are the resident's own and go only to the printer
 * and the screen (the print journal keeps only what identifies the certificate).
 */
import type { TaxCertificate } from '../../../shared/central'
import { MAX_FEN, chineseCapitalAmount } from '../../../shared/domain/money'
import { formatVerificationCode } from '../../../shared/domain/tax'
import type { A4DocumentInput, DocumentColumn } from '../../../shared/receipt'

/** Where the certificate is printed. */
export interface CertificatePlace {
  terminalId: string
  hall: string
}

const COLUMNS: DocumentColumn[] = [
  { title: '税款所属期', kind: 'text', width: 1.1 },
  { title: '税种', kind: 'text', width: 1.1 },
  { title: '品目名称', kind: 'text', width: 1.3 },
  { title: '扣缴义务人', kind: 'text', width: 2 },
  { title: '收入', kind: 'money', width: 1.4 },
  { title: '实缴(退)金额', kind: 'money', width: 1.4 },
  { title: '入(退)库日期', kind: 'text', width: 1.3 },
  // Banks match the 税票号码 against the tax authority's own records.
  { title: '税票号码', kind: 'text', width: 2.2 },
]

/** Titles as the tax authority prints them. */
export function certificateTitle(cert: Pick<TaxCertificate, 'kind' | 'taxType'>): string {
  if (cert.kind === 'taxPaymentProof') return '中华人民共和国税收完税证明'
  return cert.taxType === '10106' ? '中华人民共和国个人所得税纳税记录' : '中华人民共和国纳税记录'
}

const NOTES: Record<TaxCertificate['kind'], string[]> = {
  taxRecord: [
    '本纳税记录是根据纳税人的申请，按照税务机关征收信息系统记载的纳税人缴（退）税信息开具的。',
    '本纳税记录不作为纳税人记账、抵扣凭证。',
  ],
  taxPaymentProof: [
    '本完税证明是根据纳税人的申请，按照税务机关征收信息系统记载的已入库税款开具的。',
    '本完税证明不作为纳税人记账、抵扣凭证。',
  ],
}

const VERIFY_NOTE =
  '真伪查验：在政务自助终端首页选择“验证”，输入验证码或扫描二维码；也可拨打 12366 纳税服务热线。'

/** A total the kiosk cannot print (above MAX_FEN); the certificate is refused, not misprinted. */
export class AmountOutOfRangeError extends Error {
  constructor(readonly fen: number) {
    super('certificate amount out of range')
  }
}

/**
 * Builds the A4 document for `cert`. Row cells follow {@link COLUMNS}; the 大写 line is the tax
 * paid total (the A4Document schema checks figure and words agree).
 * @param taxTypeName Chinese name of a 征收项目 code (reference data; the code itself if unknown).
 */
export function certificateDocument(
  cert: TaxCertificate,
  place: CertificatePlace,
  taxTypeName: (code: string) => string,
): A4DocumentInput {
  for (const fen of [cert.totals.taxPaid, cert.totals.income]) {
    if (fen > MAX_FEN) throw new AmountOutOfRangeError(fen)
  }
  return {
    kind: 'certificate',
    title: certificateTitle(cert),
    issuer: cert.issuingOffice,
    documentNo: cert.certificateNo,
    holder: { name: cert.holder.name, idNumber: cert.holder.maskedIdNumber },
    period: { from: cert.fromPeriod, to: cert.toPeriod },
    columns: COLUMNS,
    rows: cert.rows.map((r) => [
      r.period,
      taxTypeName(r.taxType),
      r.item,
      r.withholdingAgent || '—',
      r.income,
      r.taxPaid,
      r.paidInDate,
      r.voucherNo || '—',
    ]),
    totals: [
      { label: '实缴(退)金额合计', fen: cert.totals.taxPaid },
      { label: '收入合计', fen: cert.totals.income },
    ],
    capitalAmount: chineseCapitalAmount(cert.totals.taxPaid),
    verificationCode: formatVerificationCode(cert.verificationCode),
    qrPayload: cert.qrPayload,
    issuedAt: cert.issuedAt,
    terminalId: place.terminalId,
    hall: place.hall,
    notes: [...NOTES[cert.kind], VERIFY_NOTE],
  }
}
