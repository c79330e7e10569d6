/**
 * ReadOptions.onProgress: readContactFile tells how far it has come while it reads a CSV or a
 * vCard file (each record read, then checked), ending at done = total; the worker posts it to
 * the import dialog's progress bar.
 */
import { readContactFile } from "../../../src/import";

const utf8 = (s: string) => new TextEncoder().encode(s);
const ROWS = 1_200;

function progressOf(bytes: Uint8Array, name: string): [number, number][] {
  const calls: [number, number][] = [];
  const result = readContactFile(bytes, name, {
    onProgress: (done, total) => calls.push([done, total]),
  });
  expect(result.contacts).toHaveLength(ROWS);
  return calls;
}

function expectSteadyToTheEnd(calls: readonly [number, number][]): void {
  // 1,200 records: read at 0, 500, 1,000 and the end, then checked likewise.
  expect(calls.length).toBeGreaterThanOrEqual(8);
  const fractions = calls.map(([done, total]) => done / total);
  expect(fractions[0]).toBe(0);
  expect(fractions.at(-1)).toBe(1);
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  expect(fractions.some((f) => f > 0.1 && f < 0.9)).toBe(true);
}

describe("readContactFile's onProgress", () => {
  it("is told the steps of a CSV file, from 0 to all of them", () => {
    const rows = Array.from({ length: ROWS }, (_, i) => `Ann,Lee ${i},ann${i}@example.com`);
    const csv = ["First Name,Last Name,E-mail Address", ...rows].join("\r\n");
    expectSteadyToTheEnd(progressOf(utf8(csv), "contacts.csv"));
  });

  it("is told the steps of a vCard file", () => {
    const cards = Array.from(
      { length: ROWS },
      (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee ${i}\r\nEND:VCARD\r\n`,
    );
    expectSteadyToTheEnd(progressOf(utf8(cards.join("")), "contacts.vcf"));
  });

  it("reads the same with or without it", () => {
    const csv = "First Name,Last Name\r\nAnn,Lee\r\n,\r\nBo,\r\n";
    const plain = readContactFile(utf8(csv), "x.csv");
    expect(readContactFile(utf8(csv), "x.csv", { onProgress: () => undefined })).toEqual(plain);
  });
});
