/** How many storage reads one request has in flight at most. */
export const READ_BATCH = 32;

/**
 * `read` of every item, at most `READ_BATCH` at a time, results in the items' order: a request
 * naming thousands of records must not open thousands of requests to storage at once.
 */
export async function inBatches<T, R>(
  items: readonly T[],
  read: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += READ_BATCH) {
    out.push(...(await Promise.all(items.slice(i, i + READ_BATCH).map(read))));
  }
  return out;
}
