/**
 * Vite plugin: the renderer's message catalogs (renderer/i18n/*.ts, plain objects of strings) are
 * compiled to vue-i18n's message AST at build time, as vue-i18n's own bundler plugin
 * (@intlify/unplugin-vue-i18n) does for its resources. With every message precompiled, the build
 * defines `__INTLIFY_DROP_MESSAGE_COMPILER__` and vue-i18n's message compiler leaves the bundle:
 * start-up neither evaluates the compiler nor parses each message the first time it is shown
 * (docs/architecture.md, Renderer start-up). The AST is what vue-i18n's JIT compiler builds at run
 * time from the same string, so a message renders identically; unit and component tests keep the
 * plain catalogs and the JIT compiler.
 */
import { baseCompile, type CompileError } from '@intlify/message-compiler'
import { parseAst, type Plugin } from 'vite'

interface Node {
  type: string
  start: number
  end: number
  [key: string]: unknown
}

/** A message string at `node`, or null for anything else. */
function messageText(node: Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && (node.expressions as Node[]).length === 0) {
    const [quasi] = node.quasis as { value: { cooked: string } }[]
    return quasi?.value.cooked ?? null
  }
  return null
}

/** The message's AST as a JavaScript expression; throws on a message vue-i18n cannot parse. */
export function compileMessage(text: string, where: string): string {
  const errors: CompileError[] = []
  const { ast } = baseCompile(text, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => errors.push(error),
  })
  if (errors.length)
    throw new Error(`${where}: message ${JSON.stringify(text)} is not valid: ${errors[0]!.message}`)
  return JSON.stringify(ast)
}

/**
 * `code` with every string that is an object property's value or an array element (inside any
 * object literal) replaced by its compiled AST. Keys, imports and comments stay as they are.
 */
export function precompileCatalog(code: string, where: string): string {
  const edits: { start: number; end: number; text: string }[] = []
  const visit = (node: unknown, inCatalog: boolean): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, inCatalog))
    if (typeof node !== 'object' || node === null) return
    const n = node as Node
    if (inCatalog) {
      const text = messageText(n)
      if (text !== null) {
        edits.push({ start: n.start, end: n.end, text: compileMessage(text, where) })
        return
      }
    }
    const inside = inCatalog || n.type === 'ObjectExpression'
    for (const [key, child] of Object.entries(n)) {
      // A property's key is a name, never a message.
      if (n.type === 'Property' && key === 'key') continue
      visit(child, inside)
    }
  }
  visit(parseAst(code), false)
  let out = code
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}

/** Precompiles the catalogs whose module id matches `include`. */
export function precompileMessages(include: RegExp): Plugin {
  return {
    name: 'kiosk-precompile-messages',
    // In dev too: the compiler is dropped there as well (one define for both), and a catalog
    // edited under HMR is compiled again on reload.
    // After TypeScript is stripped: the catalog is plain JavaScript then.
    enforce: 'post',
    transform(code, id) {
      if (!include.test(id.split('?')[0]!)) return null
      return { code: precompileCatalog(code, id), map: null }
    },
  }
}
