/**
 * Certificate verification at the terminal (issue 7, item 3): anyone types or scans a code and
 * hears whether the centre issued it. No identity involved; `reset()` at session end.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CertificateVerification } from '../../shared/api/methods/tax'
import type { ApiError } from '../../shared/api/result'
import {
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  normalizeVerificationCode,
} from '../../shared/domain/tax'
import { useKioskApi } from '../api/kiosk-api'

export const useCertificateVerifyStore = defineStore('certificate-verify', () => {
  const api = useKioskApi()
  /** The bare code typed so far (no dashes). */
  const code = ref('')
  const checking = ref(false)
  const result = shallowRef<CertificateVerification | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const complete = computed(() => code.value.length === VERIFICATION_CODE_LENGTH)

  /** What arrived so far, raw: a hardware scanner types the whole QR payload, prefix included. */
  let raw = ''

  /** Replaces the input; the code is its valid letters once the QR prefix (if any) is gone. */
  function input(text: string): void {
    raw = text
    code.value = Array.from(normalizeVerificationCode(text))
      .filter((ch) => VERIFICATION_CODE_ALPHABET.includes(ch))
      .join('')
      .slice(0, VERIFICATION_CODE_LENGTH)
    result.value = null
    error.value = null
  }

  /** A key of the on-screen keyboard: one character, backspace or clear. */
  function press(key: string | 'backspace' | 'clear'): void {
    if (key === 'clear') input('')
    else if (key === 'backspace') input(code.value.slice(0, -1))
    else if (code.value.length < VERIFICATION_CODE_LENGTH) input(code.value + key)
  }

  /** A key from a hardware keyboard or a QR scanner (which ends with Enter). */
  function hardwareKey(key: string): void {
    if (key === 'Enter') void check()
    else if (key === 'Backspace') press('backspace')
    else if (key.length === 1) input(raw + key)
  }

  /** Asks the centre (through the core) whether the code was issued; a short code is answered too. */
  async function check(): Promise<void> {
    if (checking.value || !code.value) return
    const asked = code.value
    checking.value = true
    error.value = null
    const answer = await api.call('tax.verify', { code: asked })
    checking.value = false
    if (answer.ok) result.value = answer.value
    else error.value = answer.error
  }

  function reset(): void {
    raw = ''
    code.value = ''
    checking.value = false
    result.value = null
    error.value = null
  }

  return { code, checking, result, error, complete, input, press, hardwareKey, check, reset }
})
