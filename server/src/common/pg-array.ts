/** A PostgreSQL array literal for `= any(?::type[])` (the query builder would expand a JS array into a list). */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}
