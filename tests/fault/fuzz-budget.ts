/**
 * Cases per method for the fuzz files: a few dozen in the regular suite, `FUZZ_RUNS` (10,000 in
 * `npm run fuzz`) otherwise. The time allowed grows with the count (60 ms a case, 4 minutes at
 * least): a signed central request writes the state file with fsync, so 10,000 of them on a busy
 * 2-core machine take minutes, and a timeout there would say nothing about the code.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40)
export const FUZZ_TIMEOUT_MS = Math.max(240_000, FUZZ_RUNS * 60)
