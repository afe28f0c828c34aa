/**
 * Tax records (纳税记录 rows) and certificates. Since 2019-01 personal income tax is certified by a
 * 《纳税记录》; earlier periods get a 完税证明, so one certificate never spans both (PERIOD_SPANS_2019).
 */
import { z } from 'zod'
import {
  FenNonNegative,
  IsoDate,
  IsoDateTime,
  PageInfo,
  PageNumber,
  PageSize,
  YearMonth,
} from './primitives'

/** 征收项目 codes used by the demo data; labels come from reference data (businessType, domain tax). */
export const TAX_TYPES = ['10106', '10110', '10111', '10114'] as const
export const TaxType = z.enum(TAX_TYPES)
export type TaxType = z.infer<typeof TaxType>

export const TaxRecord = z.object({
  id: z.string(),
  /** 税款所属期. */
  period: YearMonth,
  taxType: TaxType,
  /** 品目. */
  item: z.string(),
  /** 扣缴义务人; empty when the resident paid directly. */
  withholdingAgent: z.string(),
  income: FenNonNegative,
  /** 实缴金额; may be 0 when income was declared but no tax was due. */
  taxPaid: FenNonNegative,
  /** 入库日期. */
  paidInDate: IsoDate,
  /** 征收机关. */
  taxOffice: z.string(),
  voucherNo: z.string(),
})
export type TaxRecord = z.infer<typeof TaxRecord>

export const TaxTotals = z.object({ income: FenNonNegative, taxPaid: FenNonNegative })

export const TaxRecordsRequest = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  taxType: TaxType.optional(),
  page: PageNumber,
  pageSize: PageSize,
})
/** Newest period first; totals over every matching row, not just this page. */
export const TaxRecordsResponse = z.object({
  items: z.array(TaxRecord),
  ...PageInfo,
  totals: TaxTotals,
})

export const CertificateKind = z.enum(['taxRecord', 'taxPaymentProof'])

export const TaxCertificate = z.object({
  certificateNo: z.string(),
  /** taxRecord = 《纳税记录》 (periods from 2019-01), taxPaymentProof = 完税证明 (earlier). */
  kind: CertificateKind,
  /** Full name and the ID number masked 6+4, as printed (a third party matches the ID card). */
  holder: z.object({ name: z.string(), maskedIdNumber: z.string() }),
  fromPeriod: YearMonth,
  toPeriod: YearMonth,
  taxType: TaxType.optional(),
  rows: z.array(TaxRecord),
  totals: TaxTotals,
  issuedAt: IsoDateTime,
  /** Printed on the certificate; anyone can check it at the verify endpoint. */
  verificationCode: z.string(),
  /** Encoded in the certificate's QR code. */
  qrPayload: z.string(),
  issuingOffice: z.string(),
})
export type TaxCertificate = z.infer<typeof TaxCertificate>

export const CertificateIssueRequest = z
  .object({ fromPeriod: YearMonth, toPeriod: YearMonth, taxType: TaxType.optional() })
  .refine((r) => r.fromPeriod <= r.toPeriod, { message: 'fromPeriod after toPeriod' })
export const CertificateIssueResponse = z.object({ certificate: TaxCertificate })
