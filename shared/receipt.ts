/**
 * What the kiosk prints. Every service builds one of these
 * models and hands it to the printing service; the core renders it (ESC/POS for the 80 mm receipt
 * printer, SVG for the on-screen preview, PDF for the A4 printer).
 *
 * Both models carry only masked identity: they are journalled for staff
 * reprint, and the journal must never hold a full ID number or phone. The schemas refuse text that
 * looks like one, as a last line of defence behind the masking in the core.
 */
import { z } from 'zod'
import { MAX_FEN, chineseCapitalAmount } from './domain/money'

/** A full 18-character ID number or an 11-digit mobile number, anywhere in a string. */
const UNMASKED_PII = /(?<![0-9])(\d{17}[\dXx]|1[3-9]\d{9})(?![0-9])/

/** Printable text that must not carry an unmasked ID number or phone. */
const MaskedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !UNMASKED_PII.test(s), {
      message: 'looks like an unmasked ID or phone number',
    })

/**
 * Identity as printed: `林**` (a certificate the resident takes away: the full name, so a third
 * party can match the ID card), `350102********3417`. Either part may be absent (anonymous services).
 */
export const MaskedHolder = z.object({
  name: MaskedText(32).optional(),
  idNumber: z
    .string()
    .regex(/^\d{6}\*{8}\d{3}[\dX]$/, 'ID number must be masked as first 6 + last 4')
    .optional(),
})
export type MaskedHolder = z.infer<typeof MaskedHolder>

/** What became of the resident's request, printed as a word on the receipt. */
export const RECEIPT_OUTCOMES = ['completed', 'accepted', 'queued', 'rejected', 'failed'] as const
export const ReceiptOutcome = z.enum(RECEIPT_OUTCOMES)
export type ReceiptOutcome = z.infer<typeof ReceiptOutcome>

/** One `label: value` line of detail. */
export const ReceiptLine = z.object({
  label: MaskedText(24),
  value: MaskedText(96),
})
export type ReceiptLine = z.infer<typeof ReceiptLine>

/** The 80 mm receipt (bind, unbind, feedback, …). */
export const Receipt = z.object({
  terminalId: z.string().min(1).max(32),
  /** Hall name as printed, e.g. 福州市住房公积金中心鼓楼服务大厅. */
  hall: z.string().min(1).max(64),
  /** ISO 8601 time the service finished. */
  issuedAt: z.iso.datetime({ offset: true }),
  /** Service id (`fund.bind`), for the journal. */
  service: z.string().min(1).max(48),
  /** Service title as printed, e.g. 公积金绑定数字钱包. */
  title: z.string().min(1).max(48),
  holder: MaskedHolder,
  outcome: ReceiptOutcome,
  /** Extra words about the outcome (a rejection reason, what happens next). */
  outcomeNote: MaskedText(200).optional(),
  /** Application or ticket number the resident can quote. */
  reference: z
    .object({ kind: z.enum(['application', 'ticket']), number: z.string().min(1).max(40) })
    .optional(),
  /** Text encoded in the QR code (a status-lookup URL or the reference). Kept short: printers limit it. */
  qrPayload: z.string().min(1).max(300).optional(),
  lines: z.array(ReceiptLine).max(40).default([]),
  /** Closing words (hotline, "keep this receipt"). */
  footer: MaskedText(200).optional(),
})
export type Receipt = z.infer<typeof Receipt>
export type ReceiptInput = z.input<typeof Receipt>

/** A table column of an A4 document; money columns hold fen and are formatted by the renderer. */
export const DocumentColumn = z.object({
  title: z.string().min(1).max(24),
  kind: z.enum(['text', 'money']).default('text'),
  /** Relative width (the renderer shares the page width in proportion). */
  width: z.number().positive().max(100).default(1),
})
export type DocumentColumn = z.infer<typeof DocumentColumn>

/** A total line under the table, in fen. */
export const DocumentTotal = z.object({
  label: z.string().min(1).max(24),
  fen: z.number().int().min(-MAX_FEN).max(MAX_FEN),
})
export type DocumentTotal = z.infer<typeof DocumentTotal>

/**
 * An A4 certificate or statement (《纳税记录》, 完税证明, fund statement). `capitalAmount` is the 大写
 * of the first total; the schema checks it, so a document never prints figures and words that
 * disagree.
 */
export const A4Document = z
  .object({
    kind: z.enum(['certificate', 'statement']),
    title: z.string().min(1).max(48),
    /** Who issues it (tax bureau, fund centre), printed under the title. */
    issuer: z.string().min(1).max(64),
    /** Document number printed at the top right (证明编号). */
    documentNo: z.string().min(1).max(40),
    holder: MaskedHolder,
    period: z.object({
      from: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
      to: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
    }),
    columns: z.array(DocumentColumn).min(1).max(10),
    /** Cells are text, or fen (integers) in money columns. */
    rows: z.array(z.array(z.union([MaskedText(80), z.number().int()]))).max(500),
    totals: z.array(DocumentTotal).min(1).max(6),
    capitalAmount: z.string().min(1),
    /**
     * The code the issuer keeps the document under, with its QR. Absent on what the issuer cannot
     * verify (the fund statement): a code nobody can check would only invite false trust.
     */
    verificationCode: z.string().min(4).max(40).optional(),
    /** Text of the QR code the issuer can verify (the verification code with a prefix). */
    qrPayload: z.string().min(1).max(500).optional(),
    issuedAt: z.iso.datetime({ offset: true }),
    terminalId: z.string().min(1).max(32),
    hall: z.string().min(1).max(64),
    /** Footnotes (legal notes, how to verify). */
    notes: z.array(MaskedText(300)).max(8).default([]),
  })
  .superRefine((doc, ctx) => {
    const width = doc.columns.length
    doc.rows.forEach((row, i) => {
      if (row.length !== width)
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: `row has ${row.length} cells` })
      row.forEach((cell, j) => {
        const money = doc.columns[j]?.kind === 'money'
        if (money !== (typeof cell === 'number'))
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, j],
            message: money ? 'money cells are fen' : 'text cells are strings',
          })
      })
    })
    const first = doc.totals[0]
    if (first && doc.capitalAmount !== chineseCapitalAmount(first.fen))
      ctx.addIssue({
        code: 'custom',
        path: ['capitalAmount'],
        message: 'capital amount does not match the first total',
      })
  })
export type A4Document = z.infer<typeof A4Document>
export type A4DocumentInput = z.input<typeof A4Document>

/** Receipt outcomes as printed (receipts and certificates are printed in Chinese). */
export const OUTCOME_WORDS: Record<ReceiptOutcome, string> = {
  completed: '办理成功',
  accepted: '已受理',
  queued: '已提交，待网络恢复后上送',
  rejected: '未通过',
  failed: '办理失败',
}
