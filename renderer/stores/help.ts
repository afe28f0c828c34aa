/**
 * Help for residents: the FAQ (from the core's cached reference data), the feedback
 * draft and its ticket, and "call staff" with the context staff need (screen, step, last error).
 * Everything here belongs to the visit and is reset at session end.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { FaqCategory, FaqEntry, FeedbackCategory } from '../../shared/api/methods/help'
import { MOBILE_NUMBER } from '../../shared/domain/mobile-number'
import type { ApiError } from '../../shared/api/result'
import { useKioskApi } from '../api/kiosk-api'
import { useSessionStore } from './session'
import { useTerminalStore } from './terminal'

export type FaqFilter = FaqCategory | 'all'
export type FeedbackStep = 'category' | 'write' | 'done'

export const useHelpStore = defineStore('help', () => {
  const api = useKioskApi()
  const session = useSessionStore()

  // FAQ
  const faq = shallowRef<FaqEntry[]>([])
  const faqUpdatedAt = ref<string | null>(null)
  const faqLoaded = ref(false)
  const filter = ref<FaqFilter>('all')
  const openKey = ref<string | null>(null)
  const categories = computed(() => [...new Set(faq.value.map((e) => e.category))])
  const shown = computed(() =>
    filter.value === 'all' ? faq.value : faq.value.filter((e) => e.category === filter.value),
  )

  async function loadFaq(): Promise<void> {
    const result = await api.call('help.faq', {})
    faqLoaded.value = true
    if (!result.ok) return noteError(result.error)
    faq.value = result.value.entries
    faqUpdatedAt.value = result.value.updatedAt
  }
  function choose(category: FaqFilter): void {
    filter.value = category
    openKey.value = null
  }
  function toggle(key: string): void {
    openKey.value = openKey.value === key ? null : key
  }

  // Feedback
  const step = ref<FeedbackStep>('category')
  const category = ref<FeedbackCategory | null>(null)
  const text = ref('')
  const phone = ref('')
  const submitting = ref(false)
  const submitError = shallowRef<ApiError | null>(null)
  const ticket = shallowRef<{ ticketNo: string; printableId: string; queued: boolean } | null>(null)
  const phoneValid = computed(() => phone.value === '' || MOBILE_NUMBER.test(phone.value))
  const canSubmit = computed(
    () => category.value !== null && text.value.trim().length > 0 && phoneValid.value,
  )

  function pickCategory(value: FeedbackCategory): void {
    category.value = value
    step.value = 'write'
  }
  async function submit(): Promise<boolean> {
    if (!canSubmit.value || submitting.value || !category.value) return false
    submitting.value = true
    submitError.value = null
    const result = await api.call('help.feedback', {
      category: category.value,
      text: text.value.trim(),
      ...(phone.value ? { contactPhone: phone.value } : {}),
    })
    submitting.value = false
    if (!result.ok) {
      submitError.value = result.error
      noteError(result.error)
      return false
    }
    ticket.value = result.value
    step.value = 'done'
    return true
  }

  const printState = ref<'idle' | 'printing' | 'printed' | 'failed'>('idle')
  const printError = shallowRef<ApiError | null>(null)
  async function printTicket(): Promise<void> {
    if (!ticket.value || printState.value === 'printing') return
    printState.value = 'printing'
    printError.value = null
    const printableId = ticket.value.printableId
    const result = await session.during('printing', () => api.call('print.print', { printableId }))
    if (result.ok) {
      printState.value = 'printed'
    } else {
      printState.value = 'failed'
      printError.value = result.error
      noteError(result.error)
    }
  }

  // Call staff
  const callState = ref<'idle' | 'calling' | 'called' | 'repeated' | 'failed'>('idle')
  const lastError = ref<string | null>(null)
  const wizardStep = ref<string | null>(null)
  const callId = ref<string | null>(null)
  const terminal = useTerminalStore()
  /** Staff at the hall console said they are on their way to this call. */
  const staffComing = computed(
    () =>
      callId.value !== null &&
      callState.value !== 'idle' &&
      (terminal.status?.staffComing ?? []).includes(callId.value),
  )

  /** Screens report the errors they showed; a call-staff request carries the last one. */
  function noteError(error: ApiError): void {
    lastError.value = error.code
  }
  /** ScreenFrame reports the wizard step shown ("2/4"), or null. */
  function noteStep(value: string | null): void {
    wizardStep.value = value
  }

  async function callStaff(screen: string): Promise<void> {
    callState.value = 'calling'
    const result = await api.call('help.callStaff', {
      screen: screen.slice(0, 64) || 'unknown',
      ...(wizardStep.value ? { step: wizardStep.value } : {}),
      ...(lastError.value ? { lastError: lastError.value } : {}),
    })
    callState.value = !result.ok ? 'failed' : result.value.repeated ? 'repeated' : 'called'
    callId.value = result.ok ? result.value.requestId : null
  }
  function dismissCall(): void {
    callState.value = 'idle'
  }

  function resetFeedback(): void {
    step.value = 'category'
    category.value = null
    text.value = ''
    phone.value = ''
    submitting.value = false
    submitError.value = null
    ticket.value = null
    printState.value = 'idle'
    printError.value = null
  }

  function reset(): void {
    faq.value = []
    faqUpdatedAt.value = null
    faqLoaded.value = false
    filter.value = 'all'
    openKey.value = null
    resetFeedback()
    callState.value = 'idle'
    callId.value = null
    lastError.value = null
    wizardStep.value = null
  }

  return {
    faq,
    faqUpdatedAt,
    faqLoaded,
    filter,
    openKey,
    categories,
    shown,
    loadFaq,
    choose,
    toggle,
    step,
    category,
    text,
    phone,
    submitting,
    submitError,
    ticket,
    phoneValid,
    canSubmit,
    pickCategory,
    submit,
    resetFeedback,
    printState,
    printError,
    printTicket,
    callState,
    staffComing,
    lastError,
    wizardStep,
    noteError,
    noteStep,
    callStaff,
    dismissCall,
    reset,
  }
})
