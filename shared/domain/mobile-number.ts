/**
 * The mobile number shape, in a module of its own without zod: the renderer's screens check a
 * number as it is typed, and importing it from the contract (shared/central/primitives.ts) would
 * put zod and every contract schema into the renderer's start-up script.
 */

/** Mobile number: `1[3-9]` + 9 digits (no narrow prefix lists: they break as ranges open). */
export const MOBILE_NUMBER = /^1[3-9]\d{9}$/
