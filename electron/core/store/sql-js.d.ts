// The slice of sql.js's API the store uses. sql.js ships no types and @types/sql.js would pull
// Emscripten typings into the node build for five methods, so the store declares what it relies on.
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null
  export type BindParams = SqlValue[] | Record<string, SqlValue> | null

  export interface QueryExecResult {
    columns: string[]
    values: SqlValue[][]
  }

  export interface Statement {
    bind(params?: BindParams): boolean
    step(): boolean
    getAsObject(params?: BindParams): Record<string, SqlValue>
    reset(): boolean
    free(): boolean
  }

  export interface Database {
    run(sql: string, params?: BindParams): Database
    exec(sql: string, params?: BindParams): QueryExecResult[]
    prepare(sql: string, params?: BindParams): Statement
    export(): Uint8Array
    close(): void
    getRowsModified(): number
  }

  export interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | Buffer | null) => Database
  }

  export interface SqlJsConfig {
    wasmBinary?: ArrayBuffer | Uint8Array
    locateFile?: (file: string) => string
  }

  export default function initSqlJs(config?: SqlJsConfig): Promise<SqlJsStatic>
}
