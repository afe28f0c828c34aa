/**
 * The phone number change screen's state: where the wizard stands, the new number the resident
 * typed, the code and the answers of `phone.*`. Rules stay in the core (who may change, the
 * centre's refusals); this store checks only the number's form as it is typed, so the keypad can
 * say what is wrong before anything is sent. `reset()` (session end) drops all of it.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { MethodOutput } from '../../shared/api'
import { MOBILE_NUMBER } from '../../shared/domain/mobile-number'
import { useApiTask } from '../composables/use-api-task'
import { useKioskApi } from '../api/kiosk-api'
import { useIdentityStore } from './identity'

export type PhoneStep = 'number' | 'code' | 'result'

/** Digits of a mainland mobile number. */
export const PHONE_DIGITS = 11

/**
 * What is wrong with the number typed so far, or null (also while it is still being typed). The
 * number on file is known here only masked, so "the same number" is the centre's answer.
 */
export type PhoneEntryProblem = 'prefix' | null

export const usePhoneStore = defineStore('phone', () => {
  const api = useKioskApi()
  const identity = useIdentityStore()

  const { busy, error, run } = useApiTask()
  const eligibility = shallowRef<MethodOutput<'phone.eligibility'> | null>(null)
  const step = ref<PhoneStep>('number')
  const newPhone = ref('')
  const code = ref('')
  const sms = shallowRef<MethodOutput<'phone.sendCode'> | null>(null)
  const result = shallowRef<MethodOutput<'phone.change'> | null>(null)

  /** `1[3-9]…`: wrong as soon as the first two digits are typed. */
  const problem = computed<PhoneEntryProblem>(() => {
    const n = newPhone.value
    return (n.length >= 1 && n[0] !== '1') || (n.length >= 2 && !/^1[3-9]/.test(n))
      ? 'prefix'
      : null
  })
  const numberReady = computed(() => MOBILE_NUMBER.test(newPhone.value) && problem.value === null)

  function start(): void {
    step.value = 'number'
    newPhone.value = ''
    code.value = ''
    sms.value = null
    result.value = null
    error.value = null
  }

  async function load(): Promise<void> {
    eligibility.value = await run(() => api.call('phone.eligibility', {}))
  }

  /** Sends the code to the new number; moves on to the code step when it went. */
  async function sendCode(): Promise<boolean> {
    if (!numberReady.value) return false
    const sent = await run(() => api.call('phone.sendCode', { newPhone: newPhone.value }))
    if (!sent) return false
    sms.value = sent
    code.value = ''
    step.value = 'code'
    return true
  }

  async function change(): Promise<boolean> {
    const done = await run(() =>
      api.call('phone.change', { newPhone: newPhone.value, code: code.value }),
    )
    if (!done) {
      code.value = ''
      return false
    }
    result.value = done
    step.value = 'result'
    // The badge and the next code's "sent to" name the new phone.
    await identity.refresh()
    return true
  }

  function reset(): void {
    busy.value = false
    eligibility.value = null
    start()
  }

  return {
    busy,
    error,
    eligibility,
    step,
    newPhone,
    code,
    sms,
    result,
    problem,
    numberReady,
    load,
    start,
    sendCode,
    change,
    reset,
  }
})
