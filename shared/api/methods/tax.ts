/**
 * `tax.*`: tax records (纳税记录查询), certificates (《纳税记录》 / 完税证明) and certificate
 * verification. Records and certificates need a verified resident; the rows reach the
 * screen because they are the resident's own (masked elsewhere) and are never written to disk.
 * Verification needs no identity: landlords and banks check what residents show them.
 */
import { z } from 'zod'
import { CertificateKind, TaxType } from '../../central/tax'
import { LocalizedText, YearMonth } from '../../central/primitives'
import { A4Document } from '../../receipt'
import { defineMethod } from '../define'
import { PrintableId } from './print'

const Fen = z.number().int().nonnegative()

export const TaxTotalsView = z.object({ income: Fen, taxPaid: Fen })
export type TaxTotalsView = z.infer<typeof TaxTotalsView>

/** A tax type with its words in both languages (from the centre's reference data). */
export const TaxTypeView = z.object({ code: TaxType, label: LocalizedText })
export type TaxTypeView = z.infer<typeof TaxTypeView>

/** One 纳税记录 row as the resident sees it. Amounts in fen. */
export const TaxRecordView = z.object({
  id: z.string(),
  /** 税款所属期. */
  period: YearMonth,
  taxType: TaxTypeView,
  /** 品目. */
  item: z.string(),
  /** 扣缴义务人; empty when the resident paid directly. */
  withholdingAgent: z.string(),
  income: Fen,
  /** 实缴金额. */
  taxPaid: Fen,
  /** 入库日期. */
  paidInDate: z.iso.date(),
  /** 征收机关. */
  taxOffice: z.string(),
})
export type TaxRecordView = z.infer<typeof TaxRecordView>

export const TaxRecordsPage = z.object({
  /** The window shown: a calendar year, or (year null) the last 12 months. */
  window: z.object({ year: z.number().int().nullable(), from: YearMonth, to: YearMonth }),
  taxType: TaxType.nullable(),
  /** Years the resident can pick, newest first. */
  years: z.array(z.number().int()),
  /** Tax types the resident can filter by. */
  taxTypes: z.array(TaxTypeView),
  items: z.array(TaxRecordView),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Rows in the whole window (all pages). */
  total: z.number().int().min(0),
  /** Over every row of the window, not just this page. */
  totals: TaxTotalsView,
})
export type TaxRecordsPage = z.infer<typeof TaxRecordsPage>

/** An issued certificate ready to preview and print. */
export const TaxCertificateIssued = z.object({
  /** Pass to `print.print` (A4, through the printing pipeline). */
  printableId: PrintableId,
  certificateKind: CertificateKind,
  /** Exactly what will be printed, for the on-screen preview (print.preview has no SVG for A4). */
  document: A4Document,
  /** The certificate's QR code as an SVG element, drawn by the core like the printed one. */
  qrSvg: z.string(),
})
export type TaxCertificateIssued = z.infer<typeof TaxCertificateIssued>

export const CertificateVerification = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    /** The code as printed (groups of four). */
    code: z.string(),
    certificateNo: z.string(),
    kind: CertificateKind,
    holder: z.object({ maskedName: z.string(), maskedIdNumber: z.string() }),
    fromPeriod: YearMonth,
    toPeriod: YearMonth,
    totals: TaxTotalsView,
    rowCount: z.number().int(),
    issuedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    valid: z.literal(false),
    code: z.string(),
    /** `malformed`: not a code's shape (checked on the terminal); `unknown`: never issued. */
    reason: z.enum(['malformed', 'unknown']),
  }),
])
export type CertificateVerification = z.infer<typeof CertificateVerification>

export const taxMethods = {
  'tax.records': defineMethod({
    summary:
      "The verified resident's tax records for a year (default: the last 12 months) and tax type, a page at a time, with totals over the whole window.",
    input: z
      .object({
        year: z.number().int().min(1990).max(2100).optional(),
        taxType: TaxType.optional(),
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    output: TaxRecordsPage,
    session: 'required',
  }),
  'tax.certificate': defineMethod({
    summary:
      'Issues a 《纳税记录》 (periods from 2019-01) or 完税证明 (earlier) for a period range at the centre and prepares it for printing; returns the document for the preview.',
    input: z
      .object({ fromPeriod: YearMonth, toPeriod: YearMonth, taxType: TaxType.optional() })
      .strict(),
    output: TaxCertificateIssued,
    session: 'required',
  }),
  'tax.verify': defineMethod({
    summary:
      'Checks a certificate verification code (typed, or a scanned QR payload) with the centre: genuine with its masked holder, period and totals, or invalid. No identity needed.',
    input: z.object({ code: z.string().min(1).max(120) }).strict(),
    output: CertificateVerification,
    session: 'none',
  }),
}
