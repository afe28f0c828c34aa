/**
 * `node out/main/provision.js …`: writes or checks a hall config file (see `provision.ts`;
 * `--help` lists the options).
 */
import { runProvision } from './provision'

const readStdin = () =>
  new Promise<string>((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk) => (text += chunk))
    process.stdin.on('end', () => resolve(text))
    process.stdin.on('error', reject)
  })

runProvision(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`provision: ${String((err as Error)?.message ?? err)}\n`)
    process.exit(1)
  },
)
