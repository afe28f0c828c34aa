/**
 * The pinyin keyboard's chunk (simple-keyboard and its candidates, ~80 kB): loaded with the
 * feedback screen, or before it when the page is idle (renderer/screen-warm-up.ts).
 */
export const loadFeedbackKeyboard = () => import('./FeedbackKeyboard.vue')
