/** The changes a copy holds that the shared database does not have, in words. */

/** "2 changes waiting, 1 conflict and 1 refused change" (only the parts that are not zero). */
export function unsentText(counts: {
  readonly pending: number;
  readonly conflicts: number;
  readonly needsAttention: number;
}): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  count(counts.pending, "change waiting to be sent", "changes waiting to be sent");
  count(counts.conflicts, "unanswered conflict", "unanswered conflicts");
  count(counts.needsAttention, "refused change", "refused changes");
  if (parts.length === 0) return "no changes";
  if (parts.length === 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}
