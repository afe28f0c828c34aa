import { describe, expect, it } from 'vitest'
import type { TerminalStatus } from '../../../../shared/api'
import { createStatusTracker } from '../../../../electron/core/terminal/status'

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 8, 0, second))

describe('terminal status: issues', () => {
  it('counts the same issue in a row instead of listing it again', () => {
    const emitted: TerminalStatus[] = []
    const status = createStatusTracker((s) => emitted.push(s))
    status.addIssue('STORE_WRITE_FAILED', at(1), undefined, 'ENOSPC')
    status.addIssue('AUDIT_WRITE_FAILED', at(2))
    status.addIssue('AUDIT_WRITE_FAILED', at(3))
    status.addIssue('AUDIT_WRITE_FAILED', at(4))
    status.addIssue('STORE_WRITE_RESTORED', at(5))
    expect(status.snapshot().issues).toEqual([
      { code: 'STORE_WRITE_FAILED', at: at(1).toISOString(), detail: 'ENOSPC' },
      { code: 'AUDIT_WRITE_FAILED', at: at(4).toISOString(), repeats: 3 },
      { code: 'STORE_WRITE_RESTORED', at: at(5).toISOString() },
    ])
    expect(emitted).toHaveLength(5)
  })

  it('keeps the newest ten, and drops a detail that is not code-like (a path, a message)', () => {
    const status = createStatusTracker(() => undefined)
    status.addIssue('STORE_WRITE_FAILED', at(0), undefined, '/var/lib/kiosk/journal: disk full')
    expect(status.snapshot().issues[0]).toEqual({
      code: 'STORE_WRITE_FAILED',
      at: at(0).toISOString(),
    })
    for (let i = 1; i <= 12; i++)
      status.addIssue(i % 2 ? 'SYNC_BAD_RECEIPT' : 'STORE_FOLD_FAILED', at(i))
    const issues = status.snapshot().issues
    expect(issues).toHaveLength(10)
    expect(issues.at(-1)).toEqual({ code: 'STORE_FOLD_FAILED', at: at(12).toISOString() })
  })

  it('tells apart the same code about different fields', () => {
    const status = createStatusTracker(() => undefined)
    status.addIssue('CONFIG_INVALID', at(1), ['centralUrl'])
    status.addIssue('CONFIG_INVALID', at(2), ['terminalKey'])
    expect(status.snapshot().issues.map((i) => i.fields)).toEqual([['centralUrl'], ['terminalKey']])
  })
})
