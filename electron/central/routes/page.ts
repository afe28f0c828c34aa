/** One page of rows in the contract's paged-answer shape (fund records, tax records). */
export function page<T>(rows: T[], pageNo: number, pageSize: number) {
  return {
    items: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize),
    page: pageNo,
    pageSize,
    total: rows.length,
  }
}
