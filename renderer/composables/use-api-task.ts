/**
 * One call to the core at a time, as a screen shows it: `busy` while it runs (buttons wait), the
 * error of the last call (the screen words it), and `run`, which answers the value or null.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { ApiError } from '../../shared/api/result'

export interface ApiTask {
  busy: Ref<boolean>
  error: ShallowRef<ApiError | null>
  /** Runs `task`: its value, or null with `error` set. */
  run<T>(
    task: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
  ): Promise<T | null>
}

export function useApiTask(): ApiTask {
  const busy = ref(false)
  const error = shallowRef<ApiError | null>(null)
  async function run<T>(
    task: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
  ): Promise<T | null> {
    busy.value = true
    error.value = null
    try {
      const answer = await task()
      if (answer.ok) return answer.value
      error.value = answer.error
      return null
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
