/**
 * Ids: the format the protocol accepts for client-made record and database ids, and ULIDs,
 * which the add-in makes: 48 bits of milliseconds and 80 random bits in Crockford base 32, so
 * ids made on different machines sort by creation time and never collide in practice.
 */
import { z } from "zod/mini";

/** Client-made record and database ids: 1–64 characters of `[A-Za-z0-9_-]`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `ID_PATTERN` as a schema, each rule with its message. */
export const Id = z
  .string()
  .check(
    z.minLength(1, "must be 1 to 64 characters"),
    z.maxLength(64, "must be 1 to 64 characters"),
    z.regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, '_' and '-'"),
  );

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function ulid(
  now: number = Date.now(),
  random: (bytes: number) => Uint8Array = randomBytes,
): string {
  let time = "";
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const bytes = random(10);
  let rest = "";
  // 80 random bits: 16 characters of 5 bits each.
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return time + rest;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
