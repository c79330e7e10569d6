/**
 * HTTPS for the dev server without interaction. Outlook only loads add-ins over HTTPS, so the
 * project makes its own local certificate authority and a `localhost` certificate signed by it
 * (kept in `.data/certs/`); trusting the CA once lets Outlook and browsers load the add-in.
 * When the Office dev certificates (`npx office-addin-dev-certs install`) are already present,
 * they are used instead, since they are trusted already.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { generate } from "selfsigned";

export interface DevCerts {
  key: string;
  cert: string;
  ca: string;
  /** The CA file to trust for sideloading. */
  caFile: string;
}

const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export async function ensureDevCerts(dir: string): Promise<DevCerts> {
  const office = join(homedir(), ".office-addin-dev-certs");
  for (const folder of [office, dir]) {
    const found = read(folder);
    if (found) return found;
  }
  return makeDevCerts(dir);
}

/** A new local CA and a certificate for `localhost` and 127.0.0.1 signed by it, kept in `dir`. */
export async function makeDevCerts(dir: string): Promise<DevCerts> {
  mkdirSync(dir, { recursive: true });
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfterDate = new Date(Date.now() + 825 * 24 * 3600 * 1000);
  const ca = await generate(
    [{ name: "commonName", value: "Business Contact Manager local development CA" }],
    {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  writeFileSync(join(dir, "ca.crt"), ca.cert);
  writeFileSync(join(dir, "localhost.crt"), leaf.cert);
  writeFileSync(join(dir, "localhost.key"), leaf.private, { mode: 0o600 });
  const made = read(dir);
  if (!made) throw new Error(`Could not read back the certificates written to ${dir}.`);
  return made;
}

/** The certificates in `folder`, if all three are there and stay valid for a while. */
function read(folder: string): DevCerts | null {
  const files = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => join(folder, f));
  if (!files.every((f) => existsSync(f))) return null;
  const [caFile, certFile, keyFile] = files as [string, string, string];
  const cert = readFileSync(certFile, "utf8");
  if (new Date(new X509Certificate(cert).validTo).getTime() - Date.now() < RENEW_BEFORE_MS)
    return null;
  return { key: readFileSync(keyFile, "utf8"), cert, ca: readFileSync(caFile, "utf8"), caFile };
}
