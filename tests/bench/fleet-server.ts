/**
 * The fleet service for the load bench, in a process of its own (as in a hall: the terminals are
 * elsewhere): PGlite in a temp folder (or `FLEET_BENCH_DATABASE_URL`), `FLEET_BENCH_TERMINALS`
 * registered terminals `BENCH-<i>` with key `bench-key-<i>-0123456789`. Prints `ready <url>`.
 * Answers `size` on stdin with `size <bytes>` (after housekeeping's VACUUM when `vacuum` is sent).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createFleetServer, tidy } from '../../electron/fleet/server'

async function main(): Promise<void> {
  const count = Number(process.env.FLEET_BENCH_TERMINALS ?? 2000)
  const url = process.env.FLEET_BENCH_DATABASE_URL
  const fleet = await createFleetServer({
    database: url
      ? { kind: 'postgres', url }
      : { kind: 'pglite', dataDir: join(mkdtempSync(join(tmpdir(), 'fleet-bench-')), 'db') },
  })
  await fleet.saveHall({ id: 'bench', name: '压测大厅', nameEn: 'Bench hall' })
  await fleet.parts.db.query(
    `INSERT INTO terminals (id, hall_id, label, signing_key)
     SELECT 'BENCH-' || i, 'bench', 'T' || i, 'bench-key-' || i || '-0123456789'
     FROM generate_series(0, $1::int - 1) AS i ON CONFLICT DO NOTHING`,
    [count],
  )
  // The service keeps keys in memory from start: register through it so they are known.
  for (let i = 0; i < count; i++) {
    await fleet.registerTerminal({
      id: `BENCH-${i}`,
      hallId: 'bench',
      label: `T${i}`,
      key: `bench-key-${i}-0123456789`,
    })
  }
  const { url: base } = await fleet.start()
  process.stdout.write(`ready ${base}\n`)
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'vacuum') {
      await tidy(fleet.parts.db, () => new Date())
      // PostgreSQL's autovacuum would get there in its own time; the figure should not wait.
      if (fleet.parts.db.kind === 'postgres') await fleet.parts.db.exec('VACUUM')
    }
    if (line === 'size' || line === 'vacuum')
      process.stdout.write(`size ${await fleet.parts.db.sizeBytes()}\n`)
    if (line === 'usage') {
      // 10,000 usage events, to weigh one (the other part of a terminal's day).
      const events = Array.from({ length: 200 }, (_, i) => i)
      for (let batch = 0; batch < 50; batch++) {
        await fleet.parts.db.query(
          `INSERT INTO usage_events (terminal_id, event_id, hall_id, at, service, kind, duration_ms)
           SELECT 'BENCH-' || ($1::int % 100), 'u-' || $1 || '-' || i, 'bench', now(), 'fund.query',
             CASE WHEN i % 2 = 0 THEN 'started' ELSE 'completed' END, CASE WHEN i % 2 = 0 THEN NULL ELSE 60000 END
           FROM unnest($2::int[]) AS i`,
          [batch, events],
        )
      }
      process.stdout.write('usage done\n')
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`fleet bench server failed: ${String(err)}\n`)
  process.exit(1)
})
