/**
 * A printed certificate's verification code and its holder's full name stay on paper: the receipt
 * journal (and so every file of the data folder) keeps the code's last 4 characters and the masked
 * name only, next to the document number staff need.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TaxCertificateIssued } from '../../../../shared/api'
import { maskVerificationCode } from '../../../../electron/core/printing/journal-adapter'
import { signIn, startTaxCore, valueOf, type TaxTestCore } from './tax.fixture'

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

function filesHolding(dir: string, text: string): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found.push(...filesHolding(path, text))
    else if (readFileSync(path).includes(Buffer.from(text))) found.push(path)
  }
  return found
}

describe('certificate verification codes at rest', () => {
  it('masks all but the last 4 characters, keeping the grouping', () => {
    expect(maskVerificationCode('ABCD-EFGH-JKLM-NPQR')).toBe('****-****-****-NPQR')
    expect(maskVerificationCode('35A7K9Q2')).toBe('****K9Q2')
    expect(maskVerificationCode('AB')).toBe('AB')
  })

  it('the journal and the data folder hold the masked code only after printing', async () => {
    t = await startTaxCore()
    await signIn(t)
    const issued = valueOf<TaxCertificateIssued>(
      await t.call('tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' }),
    )
    const code = issued.document.verificationCode!
    await expect
      .poll(() => t!.core.internals.devices.list().find((d) => d.kind === 'a4Printer')?.state)
      .toBe('READY')
    expect(await t.call('print.print', { printableId: issued.printableId })).toMatchObject({
      ok: true,
    })
    const [entry] = t.core.internals.data()!.receipts.list()
    expect(entry!.document).toMatchObject({
      reference: issued.document.documentNo,
      verificationCode: maskVerificationCode(code),
      // The paper carries the full name for a bank to match the ID card; the disk does not.
      holder: { name: '王**', idNumber: '350104********1135' },
    })
    expect(issued.document.holder.name).toBe('王建国')
    const dataDir = t.core.config.dataDir
    await t.core.internals.data()!.store.fold()
    for (const form of [code, code.replaceAll('-', ''), '王建国']) {
      await vi.waitFor(() => expect(filesHolding(dataDir, form)).toEqual([]))
    }
  })
})
