/**
 * Tax records and certificates for the verified resident. Holds the resident's own rows
 * for the screen only (memory, this session); `reset()` at session end drops them.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { TaxCertificateIssued, TaxRecordsPage } from '../../shared/api/methods/tax'
import type { ApiError } from '../../shared/api/result'
import type { TaxType } from '../../shared/central/tax'
import {
  EARLIEST_CERTIFICATE_PERIOD,
  certificateKindFor,
  certificatePeriodProblem,
  monthInChina,
  monthRange,
} from '../../shared/domain/tax'
import { useKioskApi } from '../api/kiosk-api'
import { usePreferencesStore } from './preferences'
import { useSessionStore } from './session'

/** Rows per page: what fits the landscape screen under the filters and totals, without scrolling. */
export const TAX_PAGE_SIZE = 8
/** The same in elder mode's large type. */
export const ELDER_TAX_PAGE_SIZE = 4

export type CertificateStep = 'range' | 'preview' | 'done'
/** What a certificate covers: every tax, or individual income tax (10106) only. */
export type CertificateScope = 'all' | 'iit'
/** 个人所得税's 征收项目 code. */
const INCOME_TAX: TaxType = '10106'

export interface RecordsFilter {
  /** null: the last 12 months. */
  year: number | null
  taxType: TaxType | null
  page: number
}

/** Picks the words of a `{ zh, en }` pair for the UI language. */
export const localized = (text: { zh: string; en: string }, locale: string): string =>
  locale === 'en' ? text.en : text.zh

export const useTaxStore = defineStore('tax', () => {
  const api = useKioskApi()
  const session = useSessionStore()
  const preferences = usePreferencesStore()

  // Records ------------------------------------------------------------------------------------
  const filter = ref<RecordsFilter>({ year: null, taxType: null, page: 1 })
  const records = shallowRef<TaxRecordsPage | null>(null)
  const loading = ref(false)
  const recordsError = shallowRef<ApiError | null>(null)
  const pages = computed(() =>
    records.value ? Math.max(1, Math.ceil(records.value.total / records.value.pageSize)) : 1,
  )
  let asked = 0

  /** Loads the records for the filter changed by `change` (a new year or type starts at page 1). */
  async function loadRecords(change: Partial<RecordsFilter> = {}): Promise<void> {
    const next = { ...filter.value, ...change }
    if (change.year !== undefined || change.taxType !== undefined) next.page = change.page ?? 1
    filter.value = next
    const ticket = ++asked
    loading.value = true
    recordsError.value = null
    const result = await api.call('tax.records', {
      ...(next.year !== null ? { year: next.year } : {}),
      ...(next.taxType !== null ? { taxType: next.taxType } : {}),
      page: next.page,
      pageSize: preferences.elder ? ELDER_TAX_PAGE_SIZE : TAX_PAGE_SIZE,
    })
    if (ticket !== asked) return // a later filter change won
    loading.value = false
    if (result.ok) records.value = result.value
    else recordsError.value = result.error
  }

  // Certificate --------------------------------------------------------------------------------
  const thisYear = () => Number(monthInChina(new Date()).slice(0, 4))
  const minYear = Number(EARLIEST_CERTIFICATE_PERIOD.slice(0, 4))
  const fromYear = ref(thisYear() - 1)
  const toYear = ref(thisYear() - 1)
  const fromMonth = ref(1)
  const toMonth = ref(12)
  /** All taxes, or individual income tax only (《个人所得税纳税记录》, what banks usually ask for). */
  const scope = ref<CertificateScope>('all')
  const step = ref<CertificateStep>('range')
  const issuing = ref(false)
  const printing = ref(false)
  const issued = shallowRef<TaxCertificateIssued | null>(null)
  const certificateError = shallowRef<ApiError | null>(null)
  const printError = shallowRef<ApiError | null>(null)

  const range = computed(() =>
    monthRange(
      { year: fromYear.value, month: fromMonth.value },
      { year: toYear.value, month: toMonth.value },
      new Date(),
    ),
  )
  const rangeProblem = computed(() =>
    certificatePeriodProblem(range.value.fromPeriod, range.value.toPeriod, new Date()),
  )
  const kind = computed(() => certificateKindFor(range.value.fromPeriod))
  const yearLimits = computed(() => ({ min: minYear, max: thisYear() }))

  function moveYear(which: 'from' | 'to', delta: -1 | 1): void {
    const target = which === 'from' ? fromYear : toYear
    const next = target.value + delta
    if (next < yearLimits.value.min || next > yearLimits.value.max) return
    target.value = next
    certificateError.value = null
  }

  /** Moves a month of the range; months stay within 1–12 (the year is its own stepper). */
  function moveMonth(which: 'from' | 'to', delta: -1 | 1): void {
    const target = which === 'from' ? fromMonth : toMonth
    const next = target.value + delta
    if (next < 1 || next > 12) return
    target.value = next
    certificateError.value = null
  }

  function chooseScope(next: CertificateScope): void {
    scope.value = next
    certificateError.value = null
  }

  /** Issues the certificate for the chosen range and taxes; on success the preview step shows it. */
  async function issue(): Promise<void> {
    if (rangeProblem.value || issuing.value) return
    issuing.value = true
    certificateError.value = null
    const result = await api.call('tax.certificate', {
      ...range.value,
      ...(scope.value === 'iit' ? { taxType: INCOME_TAX } : {}),
    })
    issuing.value = false
    if (!result.ok) {
      certificateError.value = result.error
      return
    }
    issued.value = result.value
    printError.value = null
    step.value = 'preview'
  }

  /** Prints the previewed certificate on A4; the done step says how it went. */
  async function print(): Promise<void> {
    if (!issued.value || printing.value) return
    printing.value = true
    printError.value = null
    const printableId = issued.value.printableId
    const result = await session.during('printing', () => api.call('print.print', { printableId }))
    printing.value = false
    printError.value = result.ok ? null : result.error
    step.value = 'done'
  }

  /** Entering the wizard (from home or the records) starts at the years, keeping the last choice. */
  function enterCertificate(): void {
    if (issuing.value || printing.value) return
    backToRange()
    certificateError.value = null
  }

  function backToRange(): void {
    step.value = 'range'
    issued.value = null
    printError.value = null
  }

  function reset(): void {
    asked++
    filter.value = { year: null, taxType: null, page: 1 }
    records.value = null
    loading.value = false
    recordsError.value = null
    fromYear.value = thisYear() - 1
    toYear.value = thisYear() - 1
    fromMonth.value = 1
    toMonth.value = 12
    scope.value = 'all'
    step.value = 'range'
    issuing.value = false
    printing.value = false
    issued.value = null
    certificateError.value = null
    printError.value = null
  }

  return {
    filter,
    records,
    loading,
    recordsError,
    pages,
    loadRecords,
    fromYear,
    toYear,
    fromMonth,
    toMonth,
    scope,
    yearLimits,
    range,
    rangeProblem,
    kind,
    step,
    issuing,
    printing,
    issued,
    certificateError,
    printError,
    moveYear,
    moveMonth,
    chooseScope,
    issue,
    print,
    backToRange,
    enterCertificate,
    reset,
  }
})
