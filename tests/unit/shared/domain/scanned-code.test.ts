/**
 * What a hand-held scanner's text means (shared/domain/scanned-code.ts): hostile spellings of
 * both payloads, and the real ones: the QR a certificate and a fund receipt actually carry, read
 * back and looked up through the core against the bundled centre.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { newTicketNo } from '../../../../electron/core/help/help-desk'
import type { CertificateVerification, TaxCertificateIssued } from '../../../../shared/api'
import { fundMethods } from '../../../../shared/api/methods/fund'
import { newLocalApplicationNo } from '../../../../shared/domain/fund'
import { parseReceiptQr, verificationCodeFromScan } from '../../../../shared/domain/scanned-code'
import { fundHarness, type FundHarness } from '../../core/fund/fund.fixture'
import { signIn, startTaxCore, valueOf, type TaxTestCore } from '../../core/tax/tax.fixture'

const CODE = 'ABCDEFGHJKLMNPQR'

describe('verificationCodeFromScan', () => {
  it('takes the certificate QR payload and the printed code, however a scanner spells them', () => {
    for (const scanned of [
      `hallkiosk-taxcert:v1:${CODE}`,
      `HALLKIOSK-TAXCERT:V1:${CODE.toLowerCase()}`, // Caps Lock on: the case inverted
      ` hallkiosk-taxcert:v1:${CODE}\t`,
      CODE,
      'ABCD-EFGH-JKLM-NPQR',
      'abcd efgh jklm npqr',
    ])
      expect(verificationCodeFromScan(scanned), scanned).toBe(CODE)
  })

  it('refuses what the core would refuse, and other payloads', () => {
    for (const scanned of [
      '',
      `hallkiosk-taxcert:v2:${CODE}`,
      `hallkiosk-taxcert:v1:${CODE}X`,
      `hallkiosk-taxcert:v1:${CODE.slice(1)}`,
      `x-hallkiosk-taxcert:v1:${CODE}`,
      `https://verify.example/?code=${CODE}`,
      'ABCDEFGHJKLMNPQ0', // 0 is not in the alphabet
      'ABCDEFGHJKLMNPQI',
      'ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲ', // full-width
      `GJJ-APP:Q482915730264`,
      'FK20260612-7KQ2MZ',
      `${CODE}\n${CODE}`,
    ])
      expect(verificationCodeFromScan(scanned), scanned).toBeNull()
  })
})

describe('parseReceiptQr', () => {
  it('reads a fund application and a feedback ticket', () => {
    const localNo = newLocalApplicationNo(() => new Uint8Array(16).fill(7))
    expect(parseReceiptQr(`GJJ-APP:${localNo}`)).toEqual({ kind: 'application', number: localNo })
    expect(parseReceiptQr(' gjj-app:bd20261205000042 ')).toEqual({
      kind: 'application',
      number: 'BD20261205000042',
    })
    const ticketNo = newTicketNo(new Date(2026, 5, 12))
    expect(parseReceiptQr(ticketNo)).toEqual({ kind: 'ticket', ticketNo })
    expect(parseReceiptQr(ticketNo.toLowerCase())).toEqual({ kind: 'ticket', ticketNo })
  })

  it('refuses anything else, never passing the lookup a number it would refuse', () => {
    for (const scanned of [
      '',
      'GJJ-APP:',
      'GJJ-APP:Q12',
      `GJJ-APP:Q${'1'.repeat(32)}`,
      'GJJ-APP:Q4829 15730264',
      'GJJ-APP:Q482915730264/../x',
      'GJJ-APP:Ｑ482915730264',
      'GJJ-STMT:FS20261205000001:ABCDEFGHJKLMNPQR',
      `hallkiosk-taxcert:v1:${CODE}`,
      'FK20260612-7KQ2M0',
      'FK2026061-7KQ2MZ',
      'https://status.example/GJJ-APP:Q482915730264',
    ])
      expect(parseReceiptQr(scanned), scanned).toBeNull()
    // Every number it does give, the status lookup's own schema takes unchanged.
    for (const number of ['Q482915730264', 'BD20261205000042', 'AB12']) {
      const parsed = parseReceiptQr(`GJJ-APP:${number}`)
      expect(parsed).toEqual({ kind: 'application', number })
      expect(
        fundMethods['fund.applicationStatus'].input.parse({ number, idLast4: '3417' }).number,
      ).toBe(number)
    }
  })
})

describe('the payloads the terminal prints', () => {
  let tax: TaxTestCore | null = null
  let fund: FundHarness | null = null
  afterEach(async () => {
    await tax?.stop()
    await fund?.close()
    tax = null
    fund = null
  })

  it("a certificate's QR gives the code that verifies", async () => {
    tax = await startTaxCore()
    await signIn(tax)
    const issued = valueOf<TaxCertificateIssued>(
      await tax.call('tax.certificate', { fromPeriod: '2019-01', toPeriod: '2024-12' }),
    )
    const code = verificationCodeFromScan(issued.document.qrPayload!)
    expect(code).toBe(issued.document.verificationCode!.replaceAll('-', ''))
    const verified = valueOf<CertificateVerification>(
      await tax.call('certificate.verify', { code: code! }),
    )
    expect(verified).toMatchObject({ valid: true, certificateNo: issued.document.documentNo })
  })

  it("a bind receipt's QR gives the number the status lookup finds", async () => {
    fund = await fundHarness()
    await fund.signIn('lin')
    await fund.confirm('bind')
    const result = await fund.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
      agreementAccepted: true,
    })
    const preview = await fund.value('print.preview', { printableId: result.printableId })
    const parsed = parseReceiptQr(preview.qrPayload!)
    expect(parsed).toEqual({ kind: 'application', number: result.application.localNo })
    if (parsed?.kind !== 'application') throw new Error('not an application')
    const status = await fund.value('fund.applicationStatus', {
      number: parsed.number,
      idLast4: '3417',
    })
    expect(status).toMatchObject({ kind: 'bind', applicationNo: result.application.applicationNo })
  })
})
