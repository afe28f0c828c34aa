/**
 * The centre's time promises and hotlines as i18n parameters (`{days}`, `{fund}`, `{tax}`), asked
 * of the core when a screen that shows them opens, so a centre changes them without a new build.
 */
import { computed, onMounted } from 'vue'
import { useCentreStore } from '../stores/centre'

export function usePromises() {
  const centre = useCentreStore()
  onMounted(() => void centre.loadPromises())
  return computed(() => ({
    unbindDays: centre.promises.unbindDays,
    feedbackDays: centre.promises.feedbackDays,
    fund: centre.promises.fundHotline,
    tax: centre.promises.taxHotline,
  }))
}
