/**
 * Certificates a third party can verify: the deposit certificate (个人住房公积金缴存证明) the
 * centre issues to a signed-in resident, and the one verification that answers for it and for
 * tax certificates alike. Certificates carry the holder's full name and the ID number masked
 * 6+4, so a bank or landlord can match them to the ID card shown with them.
 */
import { z } from 'zod'
import { FundAccountStatus } from './fund'
import { FenNonNegative, IsoDate, IsoDateTime, YearMonth } from './primitives'
import { CertificateKind, TaxTotals, TaxType } from './tax'

/** The holder as a certificate prints them: full name, ID number first 6 + last 4. */
export const CertificateHolder = z.object({ name: z.string(), maskedIdNumber: z.string() })

/** What a deposit certificate states about the account, as of `issuedAt`. */
export const DepositFacts = z.object({
  /** 个人账号, last 4 only. */
  accountNoMasked: z.string(),
  status: FundAccountStatus,
  employerName: z.string(),
  openedDate: IsoDate,
  depositBase: FenNonNegative,
  /** Personal + employer share, fen. */
  monthlyDeposit: FenNonNegative,
  /** 缴至年月. */
  paidUpTo: YearMonth,
  /** Months of deposits without a gap, up to and including `paidUpTo`. */
  continuousMonths: z.number().int().min(0),
  balance: FenNonNegative,
})
export type DepositFacts = z.infer<typeof DepositFacts>

export const DepositCertificate = DepositFacts.extend({
  certificateNo: z.string(),
  holder: CertificateHolder,
  issuedAt: IsoDateTime,
  /** Printed on the certificate; anyone can check it at the verify endpoint. */
  verificationCode: z.string(),
  /** Encoded in the certificate's QR code. */
  qrPayload: z.string(),
  issuingOffice: z.string(),
})
export type DepositCertificate = z.infer<typeof DepositCertificate>

export const DepositCertificateIssueRequest = z.object({})
export const DepositCertificateIssueResponse = z.object({ certificate: DepositCertificate })

export const CertificateVerifyRequest = z.object({ code: z.string().min(1).max(64) })

const VerifiedTax = z.object({
  valid: z.literal(true),
  kind: CertificateKind,
  certificateNo: z.string(),
  holder: CertificateHolder,
  fromPeriod: YearMonth,
  toPeriod: YearMonth,
  /** Present when the certificate covers one tax only (个人所得税: 10106). */
  taxType: TaxType.optional(),
  totals: TaxTotals,
  rowCount: z.number().int(),
  issuedAt: IsoDateTime,
})
const VerifiedDeposit = DepositFacts.extend({
  valid: z.literal(true),
  kind: z.literal('fundDeposit'),
  certificateNo: z.string(),
  holder: CertificateHolder,
  issuedAt: IsoDateTime,
})
/** Genuine (a tax certificate or a deposit certificate, with its facts) or not issued. */
export const CertificateVerifyResponse = z.union([
  VerifiedTax,
  VerifiedDeposit,
  z.object({ valid: z.literal(false) }),
])
export type CertificateVerifyResponse = z.infer<typeof CertificateVerifyResponse>
