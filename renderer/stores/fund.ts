/**
 * The fund services' screen state: the bind and unbind wizards, balance, records and the
 * status lookup. It holds only what the core sent (masked, except the resident's own figures) and
 * what the resident typed; `reset()` (session end) drops all of it. Rules stay in the core and
 * shared/domain/fund.ts; this store dispatches and remembers answers.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  ApplicationView,
  ConfirmPurpose,
  FundAccountView,
  FundBindingState,
  MethodOutput,
  SubmissionResult,
  WalletOperatorView,
} from '../../shared/api'
import type { FundBusinessType } from '../../shared/central/fund'
import { chinaToday, presetRange, type RecordRangePreset } from '../../shared/domain/fund'
import { useApiTask } from '../composables/use-api-task'
import { useKioskApi } from '../api/kiosk-api'
import { usePreferencesStore } from './preferences'

export type BindStep = 'account' | 'operator' | 'wallet' | 'agreement' | 'confirm' | 'result'
export type UnbindStep = 'current' | 'confirm' | 'result'
export type RecordsPage = MethodOutput<'fund.records'>

/** The resident's wallet binding as every fund screen shows it (card, bind, unbind). */
export interface BindingSummary {
  /** Bound, or on its way (pending / unbinding); null when there is none. */
  current: FundBindingState['current']
  /** A bind or unbind of this resident still waiting in this terminal's outbox. */
  queued: FundBindingState['queued']
  /** The number to quote for what is still being decided: the centre's, else this terminal's. */
  pendingNo: string | null
}

/** Records shown per page: few enough that the page does not scroll on a 1080-pixel screen. */
export const RECORDS_PAGE_SIZE = 8
/** The same in elder mode's large type, whose rows are half as tall again. */
export const ELDER_RECORDS_PAGE_SIZE = 4

export const useFundStore = defineStore('fund', () => {
  const api = useKioskApi()
  const preferences = usePreferencesStore()

  const { busy, error, run } = useApiTask()

  // Bind / unbind
  const state = shallowRef<FundBindingState | null>(null)
  const operators = shallowRef<WalletOperatorView[]>([])
  const bindStep = ref<BindStep>('account')
  const unbindStep = ref<UnbindStep>('current')
  const operatorCode = ref<string | null>(null)
  const walletId = ref('')
  const agreementAccepted = ref(false)
  const code = ref('')
  const sms = shallowRef<MethodOutput<'fund.confirmSend'> | null>(null)
  const submission = shallowRef<SubmissionResult | null>(null)

  /** One reading of `fund.bindingState` (`loadState`), for every screen that shows the binding. */
  const binding = computed<BindingSummary | null>(() => {
    const s = state.value
    if (!s) return null
    return {
      current: s.current,
      queued: s.queued,
      pendingNo: s.current?.pendingApplicationNo ?? s.queued?.localNo ?? null,
    }
  })

  // Balance and records
  const account = shallowRef<FundAccountView | null>(null)
  const preset = ref<RecordRangePreset>('thisYear')
  const range = ref(presetRange('thisYear', chinaToday(new Date())))
  const businessType = ref<FundBusinessType | null>(null)
  const records = shallowRef<RecordsPage | null>(null)
  const page = ref(1)

  // Status lookup
  const lookup = shallowRef<ApplicationView | null>(null)

  /**
   * Loads the account and binding (the binding card, the first step of bind and unbind) and the
   * operator list.
   */
  async function loadState(): Promise<FundBindingState | null> {
    const loaded = await run(() => api.call('fund.bindingState', {}))
    state.value = loaded
    if (loaded) {
      const list = await api.call('fund.walletOperators', {})
      if (list.ok) operators.value = list.value.operators
    }
    return loaded
  }

  async function loadOperators(): Promise<void> {
    const list = await run(() => api.call('fund.walletOperators', {}))
    if (list) operators.value = list.operators
  }

  function startBind(): void {
    bindStep.value = 'account'
    operatorCode.value = null
    walletId.value = ''
    agreementAccepted.value = false
    code.value = ''
    sms.value = null
    submission.value = null
    error.value = null
  }

  function startUnbind(): void {
    unbindStep.value = 'current'
    code.value = ''
    sms.value = null
    submission.value = null
    error.value = null
  }

  async function sendCode(purpose: ConfirmPurpose): Promise<boolean> {
    const sent = await run(() => api.call('fund.confirmSend', { purpose }))
    if (sent) {
      sms.value = sent
      code.value = ''
    }
    return sent !== null
  }

  /** Checks the code only (a withdrawal then submits through its own store). */
  async function confirmCode(purpose: ConfirmPurpose): Promise<boolean> {
    const confirmed = await run(() => api.call('fund.confirmVerify', { purpose, code: code.value }))
    if (!confirmed) code.value = ''
    return confirmed !== null
  }

  /** Checks the code, then submits: the screen says "submitted" only on the core's answer. */
  async function confirmAndSubmit(purpose: ConfirmPurpose): Promise<boolean> {
    if (!(await confirmCode(purpose))) return false
    const submitted =
      purpose === 'bind'
        ? await run(() =>
            api.call('fund.bind', {
              operatorCode: operatorCode.value ?? '',
              walletId: walletId.value,
              agreementAccepted: true,
            }),
          )
        : await run(() =>
            api.call('fund.unbind', { bindingId: binding.value?.current?.bindingId ?? '' }),
          )
    if (!submitted) return false
    submission.value = submitted
    if (purpose === 'bind') bindStep.value = 'result'
    else unbindStep.value = 'result'
    return true
  }

  async function loadAccount(): Promise<void> {
    account.value = await run(() => api.call('fund.account', {}))
  }

  function choosePreset(next: RecordRangePreset): void {
    preset.value = next
    if (next !== 'custom') range.value = presetRange(next, chinaToday(new Date()))
  }

  /** Only the latest records request may fill the list (filters change quickly on a touch screen). */
  let recordsRequest = 0
  async function loadRecords(pageNo = 1): Promise<void> {
    const mine = ++recordsRequest
    const answer = await run(() =>
      api.call('fund.records', {
        from: range.value.from,
        to: range.value.to,
        ...(businessType.value ? { businessType: businessType.value } : {}),
        page: pageNo,
        pageSize: preferences.elder ? ELDER_RECORDS_PAGE_SIZE : RECORDS_PAGE_SIZE,
      }),
    )
    if (answer && mine === recordsRequest) {
      records.value = answer
      page.value = pageNo
    }
  }

  /** Prepares the statement of the current filter; resolves to its printable id. */
  async function prepareStatement(): Promise<string | null> {
    const answer = await run(() =>
      api.call('fund.statement', {
        from: range.value.from,
        to: range.value.to,
        ...(businessType.value ? { businessType: businessType.value } : {}),
      }),
    )
    return answer?.printableId ?? null
  }

  /**
   * Asks the status of `number`. The previous answer goes at once (as `run` clears the previous
   * error): left up while the new one is on its way, it would be read as the new number's.
   */
  async function lookUp(number: string, idLast4: string): Promise<void> {
    lookup.value = null
    lookup.value = await run(() => api.call('fund.applicationStatus', { number, idLast4 }))
  }

  function reset(): void {
    busy.value = false
    error.value = null
    state.value = null
    operators.value = []
    startBind()
    startUnbind()
    account.value = null
    preset.value = 'thisYear'
    range.value = presetRange('thisYear', chinaToday(new Date()))
    businessType.value = null
    records.value = null
    page.value = 1
    lookup.value = null
  }

  return {
    busy,
    error,
    state,
    binding,
    operators,
    bindStep,
    unbindStep,
    operatorCode,
    walletId,
    agreementAccepted,
    code,
    sms,
    submission,
    account,
    preset,
    range,
    businessType,
    records,
    page,
    lookup,
    loadState,
    loadOperators,
    startBind,
    startUnbind,
    sendCode,
    confirmCode,
    confirmAndSubmit,
    loadAccount,
    choosePreset,
    loadRecords,
    prepareStatement,
    lookUp,
    reset,
  }
})
