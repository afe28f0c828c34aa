/**
 * `print.*`: printing what a service prepared in this session (a receipt or an A4 document). The
 * renderer only ever holds an opaque `printableId`; the core owns the document and the printers,
 * and the print path does not depend on Electron's printing.
 */
import { z } from 'zod'
import { defineMethod } from '../define'

export const PrintableId = z.string().uuid()

export const PrintPreview = z.object({
  kind: z.enum(['receipt', 'document']),
  title: z.string(),
  /** The receipt as SVG (same layout as the paper), for the on-screen preview. */
  svg: z.string().nullable(),
  /** The receipt's QR code payload: shown on screen to scan when the printer cannot print. */
  qrPayload: z.string().nullable(),
  /** Application / ticket / document number. */
  reference: z.string().nullable(),
})
export type PrintPreview = z.infer<typeof PrintPreview>

export const printMethods = {
  'print.preview': defineMethod({
    summary: 'What a prepared receipt or document looks like, and its QR payload for the screen.',
    input: z.object({ printableId: PrintableId }).strict(),
    output: PrintPreview,
    session: 'required',
  }),
  'print.print': defineMethod({
    summary:
      'Prints a prepared receipt (thermal) or document (A4) and follows the job to its end; a failure is kept in the journal for staff to reprint.',
    input: z.object({ printableId: PrintableId }).strict(),
    output: z.object({ printer: z.enum(['receiptPrinter', 'a4Printer']), journalId: z.string() }),
    session: 'required',
  }),
}
