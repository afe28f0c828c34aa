/**
 * Certificates a third party can verify: `fund.depositCertificate` issues the signed-in resident's
 * 个人住房公积金缴存证明 at the centre and prepares it for printing; `certificate.verify` is the
 * one verification (home footer, no sign-in) for every certificate the centre keeps, tax and
 * deposit alike. Both show the holder's full name and the ID number masked 6+4, as printed.
 */
import { z } from 'zod'
import { CertificateHolder, DepositFacts } from '../../central/certificates'
import { CertificateKind, TaxType } from '../../central/tax'
import { YearMonth } from '../../central/primitives'
import { A4Document } from '../../receipt'
import { defineMethod } from '../define'
import { PrintableId } from './print'
import { TaxTotalsView } from './tax'

/** An issued deposit certificate ready to preview and print. */
export const DepositCertificateIssued = z.object({
  /** Pass to `print.print` (A4, through the printing pipeline). */
  printableId: PrintableId,
  /** Exactly what will be printed, for the on-screen preview. */
  document: A4Document,
  /** The certificate's QR code as an SVG element, drawn by the core like the printed one. */
  qrSvg: z.string(),
})
export type DepositCertificateIssued = z.infer<typeof DepositCertificateIssued>

const VerifiedBase = {
  valid: z.literal(true),
  /** The code as printed (groups of four). */
  code: z.string(),
  certificateNo: z.string(),
  holder: CertificateHolder,
  issuedAt: z.iso.datetime({ offset: true }),
}

export const CertificateVerification = z.union([
  z.object({
    ...VerifiedBase,
    kind: CertificateKind,
    fromPeriod: YearMonth,
    toPeriod: YearMonth,
    /** Set when the certificate covers one tax only (10106: 《个人所得税纳税记录》). */
    taxType: TaxType.nullable(),
    totals: TaxTotalsView,
    rowCount: z.number().int(),
  }),
  DepositFacts.extend({ ...VerifiedBase, kind: z.literal('fundDeposit') }),
  z.object({
    valid: z.literal(false),
    code: z.string(),
    /** `malformed`: not a code's shape (checked on the terminal); `unknown`: never issued. */
    reason: z.enum(['malformed', 'unknown']),
  }),
])
export type CertificateVerification = z.infer<typeof CertificateVerification>

export const certificateMethods = {
  'fund.depositCertificate': defineMethod({
    summary:
      'Issues the verified resident’s 个人住房公积金缴存证明 at the centre (status, employer, opened date, deposit base, monthly deposit, paid-up-to month, continuous months, balance, with a verification code) and prepares it for printing. Errors: NOT_SIGNED_IN, FUND_REFUSED (NO_FUND_ACCOUNT), CENTRAL_UNREACHABLE.',
    input: z.object({}).strict(),
    output: DepositCertificateIssued,
    session: 'required',
  }),
  'certificate.verify': defineMethod({
    summary:
      'Checks a certificate verification code (typed, or a scanned QR payload of a tax or deposit certificate) with the centre: genuine with the facts as printed, or invalid. No identity needed.',
    input: z.object({ code: z.string().min(1).max(120) }).strict(),
    output: CertificateVerification,
    session: 'none',
  }),
}
