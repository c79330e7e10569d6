/**
 * Issue 18's defects that only a browser shows, at Outlook's pane width (320 px) against the
 * real stack: the status bar stays in view over a long card and above a long list, and an
 * e-mail address wraps only where a reader expects it to, and a sync set's conditions offer
 * the values the copy holds.
 */
import type { FrameLocator, Locator } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { screenshot } from "../support/browser";
import { create } from "../support/db";
import { browserPerFile, openNewDatabase } from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

const LONG_ADDRESS = "margaret.sophia.taylor-whitfield@procurement.tailspintoys.com";

const records = [
  create("contact", "long", {
    displayName: "Margaret Taylor",
    emails: [{ address: LONG_ADDRESS, label: "work", primary: true }],
    notes: Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a long note.`).join("\n"),
  }),
  ...Array.from({ length: 25 }, (_, i) =>
    create("history", `h${i}`, {
      kind: "note",
      subject: `Note ${i + 1}`,
      when: `2026-11-${String(i + 1).padStart(2, "0")}T09:00:00.000Z`,
      contactIds: ["long"],
    }),
  ),
  ...Array.from({ length: 120 }, (_, i) =>
    create("contact", `p${i}`, { displayName: `Person ${String(i).padStart(3, "0")}` }),
  ),
];

/** Whether `locator` lies wholly inside the task pane's frame, as the user sees it. */
async function inView(locator: Locator): Promise<boolean> {
  const pane = await session.page.locator('iframe[title="Task pane"]').boundingBox();
  const box = await locator.boundingBox();
  if (!pane || !box) return false;
  return box.y >= pane.y && box.y + box.height <= pane.y + pane.height;
}

async function scrollToEnd(frame: FrameLocator): Promise<void> {
  await frame.locator("body").evaluate(() => window.scrollTo(0, document.body.scrollHeight));
}

test("the status bar stays in view over a long card and above a long list (defect 7); an address wraps after @ and before dots (defect 2)", async () => {
  await session.page.setViewportSize({ width: 1000, height: 700 });
  const { frame } = await openNewDatabase(session, "pinned", records);
  const status = frame.getByRole("status").filter({ hasText: "Database online" });
  await status.waitFor({ timeout: 30_000 });

  // A long list, scrolled to its end: the bar, and the search box below it, are both in view.
  await frame.getByText("Person 000").waitFor();
  await scrollToEnd(frame);
  const search = frame.getByRole("searchbox").first();
  expect(await inView(status)).toBe(true);
  expect(await inView(search)).toBe(true);
  const [bar, box] = [await status.boundingBox(), await search.boundingBox()];
  expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);

  // A long card, scrolled to its end.
  await frame.locator("body").evaluate(() => window.scrollTo(0, 0));
  await search.fill("Margaret");
  await frame.getByRole("button", { name: /Margaret Taylor/ }).click();
  const card = frame.getByRole("article", { name: "Margaret Taylor" });
  await card.getByText("Line 80 of a long note.").waitFor();
  await scrollToEnd(frame);
  await card.getByText("Note 1", { exact: true }).waitFor();
  expect(await inView(card.getByText("Note 1", { exact: true }))).toBe(true);
  expect(await inView(status)).toBe(true);
  await screenshot(session.page, "everyday-pinned-status");

  // The address wraps, and only after the @ or before a dot.
  const link = card.getByRole("link", { name: LONG_ADDRESS });
  const lines = await link.evaluate((element) => {
    const text = element.textContent ?? "";
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const tops: number[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < (node.textContent ?? "").length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        tops.push(Math.round(range.getBoundingClientRect().top));
      }
    }
    const starts = tops.flatMap((top, i) => (i > 0 && top !== tops[i - 1] ? [i] : []));
    return { text, starts };
  });
  expect(lines.text).toBe(LONG_ADDRESS);
  expect(lines.starts.length).toBeGreaterThan(0);
  for (const start of lines.starts)
    // (After a hyphen too: the browser's own rule, which keeps whole words.)
    expect(["@", "-"].includes(lines.text[start - 1]!) || lines.text[start] === ".").toBe(true);
});
