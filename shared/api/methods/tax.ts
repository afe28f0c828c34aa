/**
 * `tax.*`: tax records (纳税记录查询) and certificates (《纳税记录》 / 完税证明, all taxes or
 * individual income tax only). Both need a verified resident; the rows reach the screen because
 * they are the resident's own and are never written to disk. Verification is `certificate.verify`
 * (methods/certificates.ts), one for every kind of certificate.
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
  /** 税票号码, when the centre has one (banks match it against the tax authority's records). */
  voucherNo: z.string().nullable(),
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
      'Issues a 《纳税记录》 (periods from 2019-01) or 完税证明 (earlier) for a month range, of all taxes or one (10106: 《个人所得税纳税记录》), at the centre and prepares it for printing; returns the document for the preview. Errors: NOT_SIGNED_IN, PERIOD_INVALID, PERIOD_SPANS_2019, NO_TAX_RECORDS, CENTRAL_UNREACHABLE.',
    input: z
      .object({ fromPeriod: YearMonth, toPeriod: YearMonth, taxType: TaxType.optional() })
      .strict(),
    output: TaxCertificateIssued,
    session: 'required',
  }),
}
