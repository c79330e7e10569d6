/**
 * Asks the browser to keep the add-in's storage (`navigator.storage.persist()`), so that the
 * offline copy, and above all its outbox, is not evicted under storage pressure. Hosts may
 * still clear it; the engine then opens an empty copy (`SyncEngine.fresh`) and says so.
 */
export type PersistenceOutcome = "persisted" | "refused" | "unsupported";

export async function requestPersistentStorage(): Promise<PersistenceOutcome> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.persist) return "unsupported";
  try {
    if (await storage.persisted()) return "persisted";
    return (await storage.persist()) ? "persisted" : "refused";
  } catch {
    return "unsupported";
  }
}
