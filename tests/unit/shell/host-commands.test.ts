import { describe, expect, it, vi } from 'vitest'
import { actOnHostCommands } from '../../../electron/shell/host-commands'
import type { EventMessage } from '../../../shared/api/contract'

vi.mock('electron', () => ({}))

function fakeCore() {
  const listeners = new Set<(m: EventMessage) => void>()
  return {
    onEvent(listener: (m: EventMessage) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(message: EventMessage) {
      for (const l of listeners) l(message)
    },
    count: () => listeners.size,
  }
}

describe('host commands from staff', () => {
  it('restart relaunches then quits through the clean path; exit only quits', () => {
    const app = { relaunch: vi.fn(), quit: vi.fn() }
    const core = fakeCore()
    const stop = actOnHostCommands(app, core)
    core.emit({ event: 'supervisor.mode', payload: { active: false, reason: 'left' } })
    expect(app.quit).not.toHaveBeenCalled()
    core.emit({ event: 'host.command', payload: { command: 'restart' } })
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.quit).toHaveBeenCalledTimes(1)
    core.emit({ event: 'host.command', payload: { command: 'exit' } })
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.quit).toHaveBeenCalledTimes(2)
    stop()
    expect(core.count()).toBe(0)
  })
})
