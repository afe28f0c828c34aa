/**
 * Tax services in the core: the verified resident's records and certificates prepared for
 * printing (verification of their codes is the certificate service's, electron/core/certificates/). Reads go to the centre every time
 * (tax data needs the centre online and is never cached); rows stay in memory for the
 * answer only. Never throws: failures are results with the API's error codes.
 */
import { certificatePrintable } from './certificate-printable'
import {
  fail,
  ok,
  type MethodParsedInput,
  type Result,
  type TaxCertificateIssued,
  type TaxRecordView,
  type TaxRecordsPage,
  type TaxTypeView,
} from '../../../shared/api'
import { TAX_TYPES, type TaxRecord, type TaxType } from '../../../shared/central'
import {
  certificateKindFor,
  certificatePeriodProblem,
  last12Months,
  recordYears,
} from '../../../shared/domain/tax'
import { maskIdNumber } from '../../../shared/domain/masking'
import type { AuditTrail } from '../data/terminal-data'
import { failFromCentral, type CentralCaller } from '../central'
import type { IdentityService } from '../identity/identity'
import type { Printables } from '../printing/printables'
import type { ActiveSession } from '../session/session'
import { certificateDocument, type CertificatePlace } from './certificate-document'

/**
 * Names of the 征收项目 codes when the reference cache has none yet (first start, store lost).
 * The centre's reference data (businessType, domain tax) is the source; these only keep a
 * certificate from printing a bare code.
 */
const FALLBACK_TAX_TYPES: Record<TaxType, { zh: string; en: string }> = {
  '10106': { zh: '个人所得税', en: 'Individual income tax' },
  '10110': { zh: '房产税', en: 'Property tax' },
  '10111': { zh: '印花税', en: 'Stamp duty' },
  '10114': { zh: '车船税', en: 'Vehicle and vessel tax' },
}

/** Rows fetched per call when the core assembles a window across years (the centre's maximum). */
const FETCH_PAGE = 100

export interface TaxServiceDeps {
  identity: IdentityService
  central: CentralCaller
  printables: Printables
  audit: AuditTrail
  clock: () => Date
  place: CertificatePlace
  /** Tax type labels from the reference cache (may be empty). */
  taxTypeLabels: () => Partial<Record<string, { zh: string; en: string }>>
}

export interface TaxService {
  records(
    session: ActiveSession,
    input: MethodParsedInput<'tax.records'>,
  ): Promise<Result<TaxRecordsPage>>
  certificate(
    session: ActiveSession,
    input: MethodParsedInput<'tax.certificate'>,
  ): Promise<Result<TaxCertificateIssued>>
}

export function createTaxService(deps: TaxServiceDeps): TaxService {
  const { identity, central, clock } = deps

  const taxType = (code: TaxType): TaxTypeView => ({
    code,
    label: deps.taxTypeLabels()[code] ?? FALLBACK_TAX_TYPES[code],
  })
  const view = (r: TaxRecord): TaxRecordView => ({
    id: r.id,
    period: r.period,
    taxType: taxType(r.taxType),
    item: r.item,
    withholdingAgent: r.withholdingAgent,
    income: r.income,
    taxPaid: r.taxPaid,
    paidInDate: r.paidInDate,
    taxOffice: r.taxOffice,
    voucherNo: r.voucherNo || null,
  })

  /** Every row of one year (all pages), newest first. */
  async function wholeYear(
    token: string,
    year: number,
    type: TaxType | undefined,
  ): Promise<Result<TaxRecord[]>> {
    const rows: TaxRecord[] = []
    for (let page = 1; ; page++) {
      const answer = await central.call(
        'taxRecords',
        { year, page, pageSize: FETCH_PAGE, ...(type ? { taxType: type } : {}) },
        { residentToken: token },
      )
      if (!answer.ok) return failFromCentral(answer)
      rows.push(...answer.value.items)
      if (answer.value.items.length === 0 || rows.length >= answer.value.total) return ok(rows)
    }
  }

  return {
    async records(session, input) {
      const resident = identity.currentResident(session.id)
      if (!resident) return fail('NOT_SIGNED_IN')
      const now = clock()
      const common = {
        taxType: input.taxType ?? null,
        years: recordYears(now),
        taxTypes: TAX_TYPES.map(taxType),
      }
      const token = resident.residentToken
      // Which page and filter were shown, to whom (masked); never the rows or totals.
      const viewed = () =>
        void deps.audit.record({
          action: 'tax.records',
          subject: maskIdNumber(resident.identity.idNumber),
          outcome: 'viewed',
          detail: {
            year: input.year ?? null,
            taxType: input.taxType ?? null,
            page: input.page,
            pageSize: input.pageSize,
          },
        })
      if (input.year !== undefined) {
        // One calendar year: the centre pages and totals it.
        const answer = await central.call(
          'taxRecords',
          {
            year: input.year,
            page: input.page,
            pageSize: input.pageSize,
            ...(input.taxType ? { taxType: input.taxType } : {}),
          },
          { residentToken: token },
        )
        if (!answer.ok) return failFromCentral(answer)
        const v = answer.value
        viewed()
        return ok({
          ...common,
          window: { year: input.year, from: `${input.year}-01`, to: `${input.year}-12` },
          items: v.items.map(view),
          page: v.page,
          pageSize: v.pageSize,
          total: v.total,
          totals: v.totals,
        })
      }
      // The last 12 months cross a year boundary; the centre filters by year only, so the core
      // takes both years, keeps the window, and pages and totals it itself.
      const window = last12Months(now)
      const years = [...new Set([Number(window.to.slice(0, 4)), Number(window.from.slice(0, 4))])]
      const rows: TaxRecord[] = []
      for (const year of years) {
        const got = await wholeYear(token, year, input.taxType)
        if (!got.ok) return got
        rows.push(...got.value)
      }
      const inWindow = rows
        .filter((r) => r.period >= window.from && r.period <= window.to)
        .sort((a, b) => (a.period === b.period ? 0 : a.period < b.period ? 1 : -1))
      const start = (input.page - 1) * input.pageSize
      viewed()
      return ok({
        ...common,
        window: { year: null, ...window },
        items: inWindow.slice(start, start + input.pageSize).map(view),
        page: input.page,
        pageSize: input.pageSize,
        total: inWindow.length,
        totals: {
          income: inWindow.reduce((sum, r) => sum + r.income, 0),
          taxPaid: inWindow.reduce((sum, r) => sum + r.taxPaid, 0),
        },
      })
    },

    async certificate(session, input) {
      const resident = identity.currentResident(session.id)
      if (!resident) return fail('NOT_SIGNED_IN')
      const problem = certificatePeriodProblem(input.fromPeriod, input.toPeriod, clock())
      if (problem) return fail(problem)
      const answer = await central.call(
        'taxCertificateIssue',
        {
          fromPeriod: input.fromPeriod,
          toPeriod: input.toPeriod,
          ...(input.taxType ? { taxType: input.taxType } : {}),
        },
        { residentToken: resident.residentToken },
      )
      if (!answer.ok) return failFromCentral(answer)
      const cert = answer.value.certificate
      if (cert.kind !== certificateKindFor(cert.fromPeriod)) {
        return fail('CENTRAL_REJECTED', 'CERTIFICATE_KIND')
      }
      const made = await certificatePrintable(
        () =>
          certificateDocument(cert, deps.place, (code) => {
            const label = deps.taxTypeLabels()[code] ?? FALLBACK_TAX_TYPES[code as TaxType]
            return label?.zh ?? code
          }),
        cert.qrPayload,
      )
      if (!made.ok) return made
      const { document, qrSvg } = made.value
      const printableId = deps.printables.add(session.id, { kind: 'document', document })
      void deps.audit.record({
        action: 'tax.certificate',
        subject: cert.holder.maskedIdNumber,
        outcome: 'issued',
        detail: { certificateNo: cert.certificateNo, kind: cert.kind },
      })
      return ok({ printableId, certificateKind: cert.kind, document, qrSvg })
    },
  }
}
