/**
 * A certificate the centre issued (tax or deposit), made ready to preview and print: its A4
 * document, checked now rather than at the printer (what the preview shows is what will print),
 * and its QR code as SVG. A certificate whose figures or content cannot be printed is refused in
 * words, never printed wrong.
 */
import QRCode from 'qrcode'
import { fail, ok, type Result } from '../../../shared/api'
import { A4Document } from '../../../shared/receipt'
import { AmountOutOfRangeError } from './certificate-document'

export async function certificatePrintable(
  build: () => unknown,
  qrPayload: string,
): Promise<Result<{ document: A4Document; qrSvg: string }>> {
  let draft: unknown
  try {
    draft = build()
  } catch (err) {
    if (err instanceof AmountOutOfRangeError) return fail('CENTRAL_REJECTED', 'AMOUNT_RANGE')
    throw err
  }
  const parsed = A4Document.safeParse(draft)
  if (!parsed.success) return fail('CENTRAL_REJECTED', 'CERTIFICATE_CONTENT')
  const qrSvg = await QRCode.toString(qrPayload, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 1,
  })
  return ok({ document: parsed.data, qrSvg })
}
