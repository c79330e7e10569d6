/**
 * Reading a message's internet headers, as `OfficeSession.internetHeaders` gives them (a raw
 * RFC 5322 block): one header's value, and whether they keep the message out of automatic
 * linking. Apart from office.ts, so that the pane's first script does without them.
 */

/**
 * The first header `name` of a raw header block (RFC 5322: `Name: value` lines, a value folded
 * onto lines that start with white space), unfolded and trimmed; null when there is none.
 */
export function headerValue(headers: string, name: string): string | null {
  const wanted = name.toLowerCase();
  const lines = headers.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const colon = line.indexOf(":");
    if (colon <= 0 || /^\s/.test(line) || line.slice(0, colon).trim().toLowerCase() !== wanted) {
      continue;
    }
    let value = line.slice(colon + 1);
    for (
      let next = lines[i + 1];
      next !== undefined && /^[ \t]/.test(next);
      next = lines[++i + 1]
    ) {
      value += next;
    }
    return value.replace(/\s+/g, " ").trim();
  }
  return null;
}

/** Why an e-mail is kept out of automatic linking: its sender marked it so, or it is encrypted. */
export type PrivateMark = "private" | "personal" | "encrypted";

/**
 * How the headers mark a message that is not to be linked automatically: `Sensitivity: Private`
 * or `Personal` (RFC 2156, which Outlook writes for those sensitivity levels; `Company-
 * Confidential` is business mail and is linked), or an encrypted body (`Content-Type`
 * `application/pkcs7-mime` that is not signed-data, S/MIME; `multipart/encrypted`, PGP/MIME).
 */
export function privateMark(headers: string): PrivateMark | null {
  const sensitivity = headerValue(headers, "Sensitivity")?.toLowerCase();
  if (sensitivity === "private") return "private";
  if (sensitivity === "personal") return "personal";
  const type = headerValue(headers, "Content-Type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/encrypted")) return "encrypted";
  const smime = /^application\/(x-)?pkcs7-mime\b/.test(type);
  if (smime && !/smime-type\s*=\s*"?(signed-data|certs-only)/.test(type)) return "encrypted";
  return null;
}
