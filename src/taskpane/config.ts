/** Where the pane finds the shared database's API. */

/**
 * `process.env.BCM_API_URL`, fixed at build time. In development builds, the page's `?api=`
 * query parameter wins, so that the harness and the tests can point the pane at another API.
 */
export function apiBaseUrl(search: string): string {
  if (process.env.BCM_HARNESS === "1") {
    const fromQuery = new URLSearchParams(search).get("api");
    if (fromQuery) return fromQuery;
  }
  return process.env.BCM_API_URL ?? "";
}
