/** The row keys of the Table Storage layout (api/src/storage/keys.ts). */
import { checkEntity } from "../../../api/src/storage/azure-limits";
import {
  changeKey,
  encodeKey,
  memberKey,
  prefixEnd,
  syncSetKey,
} from "../../../api/src/storage/keys";

describe("encodeKey", () => {
  it("percent-encodes what keys may not hold, and %, as UTF-8 bytes; leaves the rest", () => {
    expect(encodeKey("o'neil#sales/eu?x@contoso.com")).toBe("o'neil%23sales%2Feu%3Fx@contoso.com");
    expect(encodeKey("a\\b%c\u0007\u0085")).toBe("a%5Cb%25c%07%C2%85");
    expect(encodeKey("Renée 王芳 🧭")).toBe("Renée 王芳 🧭");
  });

  it("gives distinct keys to distinct values, that Azure accepts", () => {
    const values = ["a/b", "a%2Fb", "a%252Fb", "a#b", "a?b", "a\\b", "a\nb", "a b"];
    const keys = values.map(memberKey);
    expect(new Set(keys).size).toBe(values.length);
    for (const rowKey of keys)
      expect(() => checkEntity({ partitionKey: "p", rowKey })).not.toThrow();
  });
});

describe("key order", () => {
  it("keeps commit order in the change index's string order", () => {
    const seqs = [1, 9, 10, 99, 100, 123_456_789, 999_999_999_999];
    const keys = seqs.map(changeKey);
    expect([...keys].sort()).toEqual(keys);
    expect(changeKey(42)).toBe("c|000000000042");
  });

  it("ends a prefix's range past every key that starts with it, and before the next prefix", () => {
    const end = prefixEnd("s|");
    for (const name of ["Alpha", "Köln", "東京", "🧭", "\uffff"])
      expect(syncSetKey(name) < end).toBe(true);
    expect("s|" < end && end <= "t").toBe(true);
    // One contact's links, and not those of a contact whose id it begins.
    const inRange = (key: string, prefix: string) => key >= prefix && key < prefixEnd(prefix);
    expect(inRange("l|c1|h1", "l|c1|")).toBe(true);
    expect(inRange("l|c10|h1", "l|c1|")).toBe(false);
    expect(inRange("l|c1-x|h1", "l|c1|")).toBe(false);
  });
});
