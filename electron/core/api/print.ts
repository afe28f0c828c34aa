/** Handlers for `print.*`: the resident prints what a service prepared in this session. */
import { fail, ok } from '../../../shared/api'
import { isUsable } from '../../../shared/devices'
import { maskIdNumber } from '../../../shared/domain/masking'
import type { AuditTrail } from '../data/terminal-data'
import type { DeviceRegistry } from '../devices'
import type { Printables } from '../printing/printables'
import type { PrintService } from '../printing/print-service'
import { renderReceiptSvg } from '../printing/receipt-svg'
import type { HandlerGroup } from './handlers'

export function printHandlers(deps: {
  printables: Printables
  print: PrintService
  devices: DeviceRegistry
  audit: AuditTrail
}): HandlerGroup<'print.preview' | 'print.print'> {
  return {
    'print.preview': (input, ctx) => {
      const item = deps.printables.get(ctx.session!.id, input.printableId)
      if (!item) return fail('INVALID_INPUT', 'printableId')
      if (item.kind === 'receipt') {
        const r = item.receipt
        return ok({
          kind: 'receipt',
          title: r.title,
          svg: renderReceiptSvg(r),
          qrPayload: r.qrPayload ?? null,
          reference: r.reference?.number ?? null,
        })
      }
      const d = item.document
      return ok({
        kind: 'document',
        title: d.title,
        svg: null,
        qrPayload: d.qrPayload ?? null,
        reference: d.documentNo,
      })
    },
    'print.print': async (input, ctx) => {
      const item = deps.printables.get(ctx.session!.id, input.printableId)
      if (!item) return fail('INVALID_INPUT', 'printableId')
      const printer = item.kind === 'receipt' ? 'receiptPrinter' : 'a4Printer'
      const service = deps.print
      const device = deps.devices.list().find((d) => d.kind === printer)
      if (!device || !isUsable(device)) {
        return fail('DEVICE_UNAVAILABLE', `${printer}:${device?.code ?? 'NOT_CONFIGURED'}`)
      }
      const result =
        item.kind === 'receipt'
          ? await service.printReceipt(item.receipt)
          : await service.printDocument(item.document)
      const holder = item.kind === 'receipt' ? item.receipt.holder : item.document.holder
      // What was printed (the service or document kind) and for whom, masked: the holder is
      // masked already, and masking again is a no-op that keeps it so if that ever changes.
      const what = item.kind === 'receipt' ? item.receipt.service : item.document.kind
      void deps.audit.record({
        action: `print.${item.kind}`,
        subject: holder?.idNumber ? maskIdNumber(holder.idNumber) : null,
        outcome: result.ok ? 'ok' : 'failed',
        detail: result.ok ? { printer, what } : { printer, what, code: result.error.code },
      })
      if (result.ok) return ok({ printer, journalId: result.value.journalId })
      if (result.error.code === 'PRINTER_UNAVAILABLE') {
        return fail('DEVICE_UNAVAILABLE', `${printer}:${result.error.status?.code ?? 'OFFLINE'}`)
      }
      return fail('PRINT_FAILED', result.error.code)
    },
  }
}
