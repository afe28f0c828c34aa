/**
 * The resident's fund account: balance, records and a printed statement, fetched from the centre
 * per call and never stored (only that they were viewed is audited, never the figures).
 */
import {
  fail,
  ok,
  type BilingualText,
  type FundAccountView,
  type FundRecordView,
  type MethodOutput,
} from '../../../shared/api'
import type { FundBusinessType } from '../../../shared/central'
import { maskAccountNo, maskIdNumber } from '../../../shared/domain/masking'
import { failFromCentral } from '../central'
import type { VerifiedResidentRecord } from '../identity/identity'
import type { ActiveSession } from '../session/session'
import type { FundContext, Out } from './context'
import { statementDocument } from './documents'

/** A statement prints at most this many rows (the A4 model's limit). */
export const STATEMENT_MAX_ROWS = 500

/** A records query: a period, an optional business type and a page. */
export interface RecordsQuery {
  from: string
  to: string
  businessType?: FundBusinessType | undefined
  page: number
  pageSize: number
}

/** The account part of the fund service. */
export function createFundAccount(ctx: FundContext) {
  const { deps, resident, typeLabels } = ctx
  const { central, clock } = deps

  async function account(session: ActiveSession): Out<FundAccountView> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const answer = await central.call('fundAccount', {}, { residentToken: r.residentToken })
    if (!answer.ok) return failFromCentral(answer)
    const a = answer.value.account
    if (!a) return fail('FUND_REFUSED', 'NO_FUND_ACCOUNT')
    // That the balance was shown, and to whom (masked); never the figures.
    void deps.audit.record({
      action: 'fund.query',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'viewed',
      detail: { view: 'balance' },
    })
    return ok({
      accountNoMasked: maskAccountNo(a.accountNo),
      status: a.status,
      employerName: a.employerName,
      balance: a.balance,
      monthlyDeposit: {
        personal: a.monthlyDeposit.personal,
        employer: a.monthlyDeposit.employer,
        total: a.monthlyDeposit.personal + a.monthlyDeposit.employer,
      },
      depositBase: a.depositBase,
      depositRatio: a.depositRatio,
      paidUpTo: a.paidUpTo,
      frozenAmount: a.frozenAmount,
      openedDate: a.openedDate,
      dataTime: clock().toISOString(),
    })
  }

  async function recordsPage(
    r: VerifiedResidentRecord,
    query: RecordsQuery,
    labels: Map<string, BilingualText>,
  ) {
    const answer = await central.call(
      'fundRecords',
      {
        from: query.from,
        to: query.to,
        ...(query.businessType ? { businessType: query.businessType } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
      { residentToken: r.residentToken },
    )
    if (!answer.ok) return answer
    const v = answer.value
    const items: FundRecordView[] = v.items.map((rec) => ({
      id: rec.id,
      date: rec.date,
      businessType: rec.businessType,
      typeLabel: labels.get(rec.businessType) ?? { zh: rec.businessType, en: rec.businessType },
      amount: rec.amount,
      balanceAfter: rec.balanceAfter,
      // Where a withdrawal went ("转入数字钱包 招商银行 ****0002"): the centre's words, masked.
      ...(rec.businessType === '11' || rec.businessType === '12' ? { summary: rec.summary } : {}),
    }))
    return {
      ok: true as const,
      value: { items, page: v.page, pageSize: v.pageSize, total: v.total, totals: v.totals },
    }
  }

  async function records(
    session: ActiveSession,
    query: RecordsQuery,
  ): Out<MethodOutput<'fund.records'>> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const page = await recordsPage(r, query, typeLabels())
    if (!page.ok) return failFromCentral(page)
    // Which page and filter were shown; never the rows or totals.
    void deps.audit.record({
      action: 'fund.query',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'viewed',
      detail: {
        view: 'records',
        from: query.from,
        to: query.to,
        businessType: query.businessType ?? null,
        page: query.page,
        pageSize: query.pageSize,
      },
    })
    return ok(page.value)
  }

  async function statement(
    session: ActiveSession,
    filter: Omit<RecordsQuery, 'page' | 'pageSize'>,
  ): Out<{ printableId: string; rows: number }> {
    const r = resident(session)
    if (!r) return fail('NOT_SIGNED_IN')
    const labels = typeLabels()
    const rows: FundRecordView[] = []
    let totals: { credit: number; debit: number; net: number } | undefined
    for (let page = 1; ; page++) {
      const answer = await recordsPage(r, { ...filter, page, pageSize: 100 }, labels)
      if (!answer.ok) return failFromCentral(answer)
      if (answer.value.total > STATEMENT_MAX_ROWS) return fail('FUND_REFUSED', 'TOO_MANY_RECORDS')
      rows.push(...answer.value.items)
      totals = answer.value.totals
      if (rows.length >= answer.value.total || answer.value.items.length === 0) break
    }
    if (!totals) return fail('INTERNAL', 'no_records_page')
    const document = statementDocument(
      deps.config,
      clock(),
      r,
      filter,
      filter.businessType ? labels.get(filter.businessType)?.zh : undefined,
      rows,
      totals,
    )
    const printableId = deps.printables.add(session.id, { kind: 'document', document })
    void deps.audit.record({
      action: 'fund.statement',
      subject: maskIdNumber(r.identity.idNumber),
      outcome: 'ok',
      detail: { rows: rows.length },
    })
    return ok({ printableId, rows: rows.length })
  }

  return { account, records, statement }
}
