/**
 * The Electron transport's wire names, declared once: the preload and
 * `electron/shell/ipc.ts` import them, nobody writes a channel name as a bare string.
 *
 * This file is bundled into the sandboxed preload, so it must stay free of runtime imports (no zod,
 * no contract): type-only imports are fine.
 */

/** The two IPC channels of the kiosk bridge, both prefixed `kiosk:` (VS Code's channel rule). */
export const IPC_CHANNELS = {
  /** Renderer → main, `ipcRenderer.invoke(call, method, input)` → a `Result` value. */
  call: 'kiosk:call',
  /** Main → renderer, one `EventMessage` per send. */
  event: 'kiosk:event',
} as const

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS]

/**
 * The command-line switch that carries the contract's method names to the preload (through
 * `webPreferences.additionalArguments`). The preload checks names against it instead of importing
 * the contract, which would bundle zod and every schema into the preload.
 */
export const METHOD_NAMES_SWITCH = '--kiosk-methods='

/** Encodes method names as one `additionalArguments` entry. Names never contain commas. */
export const encodeMethodNamesArg = (names: readonly string[]): string =>
  METHOD_NAMES_SWITCH + names.join(',')

/**
 * Reads the method names back from a process's argv; an absent switch yields an empty set, so a
 * preload started without it refuses every call instead of allowing any.
 */
export const decodeMethodNamesArg = (argv: readonly string[]): ReadonlySet<string> => {
  const arg = argv.find((a) => a.startsWith(METHOD_NAMES_SWITCH))
  if (arg === undefined) return new Set()
  return new Set(
    arg
      .slice(METHOD_NAMES_SWITCH.length)
      .split(',')
      .filter((n) => n.length > 0),
  )
}
