/**
 * The reference-data feed: every change gets the next version; a terminal asks for what changed
 * since its cursor and gets `reset: true` (everything live) when the cursor is unknown, from
 * another epoch or older than the compacted history. Cursors are opaque to the terminal:
 * `v1.<epoch>.<version>` in base64url.
 */
import type { ReferenceItem, ReferenceKind } from '../../../shared/central'
import type { CentralContext, Handlers } from '../context'

/** What the centre's operators may do to the reference data (tests and QA act as them). */
export interface ReferenceDesk {
  /** Puts (`data`) or deletes (`null`) one item under the next version. */
  change(kind: ReferenceKind, key: string, data: unknown): Promise<void>
  /** Forgets tombstones and history: every older cursor gets `reset: true` from now on. */
  compact(): Promise<void>
}

export function referenceDesk(ctx: CentralContext): ReferenceDesk {
  return {
    change(kind, key, data) {
      return ctx.exclusive(async () => {
        const ref = ctx.state().reference
        const version = ++ref.version
        ref.items[`${kind}:${key}`] = (
          data === null
            ? { kind, key, version, deleted: true, data: null }
            : { kind, key, version, data }
        ) as ReferenceItem
        await ctx.save()
      })
    },
    compact() {
      return ctx.exclusive(async () => {
        const ref = ctx.state().reference
        for (const [id, item] of Object.entries(ref.items)) if (item.deleted) delete ref.items[id]
        ref.horizon = ref.version
        await ctx.save()
      })
    },
  }
}

export function referenceHandlers(ctx: CentralContext): Handlers<'referenceData'> {
  function encodeCursor(version: number): string {
    return Buffer.from(`v1.${ctx.state().epoch}.${version}`).toString('base64url')
  }

  function decodeCursor(cursor: string): number | undefined {
    const match = /^v1\.([0-9a-f]+)\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
    if (!match || match[1] !== ctx.state().epoch) return undefined
    const version = Number(match[2])
    const ref = ctx.state().reference
    return version >= ref.horizon && version <= ref.version ? version : undefined
  }

  return {
    async referenceData(_req, { since }) {
      const ref = ctx.state().reference
      const from = since === undefined ? undefined : decodeCursor(since)
      const all = Object.values(ref.items).sort((a, b) => a.version - b.version)
      const cursor = encodeCursor(ref.version)
      if (from === undefined) return { reset: true, items: all.filter((i) => !i.deleted), cursor }
      return { reset: false, items: all.filter((i) => i.version > from), cursor }
    },
  }
}
