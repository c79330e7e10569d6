/**
 * The pane's first screen in Chromium against the real stack: opened again, the pane paints the
 * contact list's first rows as they were last time before it has read the offline copy, then
 * the live list; a row clicked and a search typed in between are not lost
 * (src/taskpane/contacts/first-screen.ts).
 *
 * The stand-in shows for as long as reading the copy takes, a few milliseconds here: the test
 * watches it from inside the pane (an init script with a MutationObserver) and acts on it there,
 * in the same task that painted it.
 */
import type { Frame } from "playwright-core";
import type { BrowserSession } from "../support/browser";
import { Client, create, edit } from "../support/db";
import { copyId, copyOwner } from "../../src/sync/owner";
import {
  accessibilityViolations,
  apiUrl,
  browserPerFile,
  eventually,
  openHarness,
  openNewDatabase,
} from "../support/pane";

let session: BrowserSession;
browserPerFile((opened) => (session = opened));

/** What the init script saw of the stand-in (`window.__bcmFirstScreen`). */
interface Seen {
  /** The stand-in's rows, as their text reads. */
  readonly rows: string[];
  /** Whether the live list was already there when the stand-in first painted. */
  readonly liveFirst: boolean;
}

/** Set before the pane loads: what to do in the stand-in, from the harness's query. */
type Act = { readonly click: string } | { readonly type: string } | null;

beforeAll(async () => {
  await session.context.addInitScript(() => {
    if (!location.pathname.endsWith("/taskpane.html")) return;
    const act = JSON.parse(sessionStorage.getItem("bcm.test.firstScreenAct") ?? "null") as Act;
    sessionStorage.removeItem("bcm.test.firstScreenAct");
    const w = window as unknown as { __bcmFirstScreen?: Seen };
    const lists = () => [...document.querySelectorAll('[role="list"][aria-label="Contacts"]')];
    new MutationObserver((_, observer) => {
      const standIn = lists().find((l) => l.closest('[aria-busy="true"]'));
      const rows = standIn ? [...standIn.querySelectorAll('[role="listitem"]')] : [];
      if (rows.length === 0) return;
      observer.disconnect();
      w.__bcmFirstScreen = {
        rows: rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, " ").trim()),
        liveFirst: lists().some((l) => !l.closest('[aria-busy="true"]')),
      };
      if (act && "click" in act) {
        const row = rows.find((r) => (r as HTMLElement).innerText.includes(act.click));
        row?.querySelector("button")?.click();
      } else if (act && "type" in act) {
        const box = document.querySelector<HTMLInputElement>('input[aria-label="Search contacts"]');
        if (!box) return;
        box.focus();
        // As typing does: through the input's own value setter, then an input event (React).
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(
          box,
          act.type,
        );
        box.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }).observe(document, { subtree: true, childList: true });
  });
});

const people = Array.from({ length: 45 }, (_, i) => {
  const n = String(i).padStart(2, "0");
  return create("contact", `p${n}`, {
    displayName: `Person ${n}`,
    jobTitle: i % 2 === 0 ? "Buyer" : null,
    emails: [{ address: `person${n}@contoso.com`, label: "work" }],
  });
});

async function paneFrame(): Promise<Frame> {
  const element = await session.page.waitForSelector('iframe[title="Task pane"]');
  const frame = await element.contentFrame();
  if (!frame) throw new Error("no task pane frame");
  await frame.waitForLoadState("domcontentloaded");
  return frame;
}

/** The first screens kept in the pane's localStorage: each test starts with none. */
beforeEach(async () => {
  await (
    await paneFrame()
  ).evaluate(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith("bcm.firstScreen|")) localStorage.removeItem(key);
  });
});

/** The first screen the pane keeps for `email`'s copy of `db`, null when none. */
async function keptScreen(email: string, db: string) {
  const key = `bcm.firstScreen|${await copyId(copyOwner(apiUrl(), email, db))}`;
  return (await paneFrame()).evaluate(
    (k) => JSON.parse(localStorage.getItem(k) ?? "null") as never,
    key,
  ) as Promise<{ total: number; rows: { name: string }[] } | null>;
}

/**
 * Waits until the pane kept the first screen of `email`'s copy of `db` (a pane opened before,
 * on another copy, may keep its own meanwhile: it is not this test's).
 */
async function firstScreenKept(email: string, db: string) {
  const kept = await eventually(
    () => keptScreen(email, db),
    (screen) => screen !== null,
  );
  if (kept === null) throw new Error(`no first screen kept for ${email}`);
  return kept;
}

/** Opens the pane again as `email`, acting on the stand-in as `act` says. */
async function reopen(email: string, act: Act) {
  await (
    await paneFrame()
  ).evaluate(
    (value) => sessionStorage.setItem("bcm.test.firstScreenAct", JSON.stringify(value)),
    act,
  );
  return openHarness(session, { user: email, userName: "Test User" });
}

/** What the stand-in showed (null when it did not show). */
async function seenStandIn(): Promise<Seen | null> {
  return (await paneFrame()).evaluate(
    () => (window as unknown as { __bcmFirstScreen?: Seen }).__bcmFirstScreen ?? null,
  );
}

test("opened again, the pane paints last time's first rows before reading the copy, then the live list", async () => {
  const { frame, member, db } = await openNewDatabase(session, "firstscreen", people);
  const list = frame.getByRole("list", { name: "Contacts", exact: true });
  await list.getByText("Person 00").waitFor();
  // The first opening had nothing to paint early; it keeps what its list showed first.
  expect(await seenStandIn()).toBeNull();
  const kept = await firstScreenKept(member.email, db);
  expect(kept.total).toBe(45);
  expect(kept.rows.map((r) => r.name)).toEqual(
    people.slice(0, 30).map((p) => p.fields.displayName),
  );

  // A colleague renames the first contact: the next opening shows the old name first (what this
  // computer knew), then the new one, which the kept screen then holds.
  await new Client(db, member).push([
    edit("contact", "p00", 1, { displayName: "Person 00" }, { displayName: "Aaron First" }),
  ]);
  const again = await reopen(member.email, null);
  const live = again.getByRole("list", { name: "Contacts", exact: true });
  await live.getByText("Aaron First").waitFor({ timeout: 30_000 });
  const seen = await seenStandIn();
  expect(seen?.liveFirst).toBe(false);
  // The rows in view (the list renders no more), in last time's order.
  expect(seen?.rows.length).toBeGreaterThan(5);
  seen?.rows.forEach((row, i) => expect(row).toContain(`Person ${String(i).padStart(2, "0")}`));
  expect(seen?.rows[0]).toContain("Buyer");
  expect(seen?.rows[1]).toContain("person01@contoso.com");
  expect(await again.locator('[aria-busy="true"]').count()).toBe(0);
  const renamed = await eventually(
    () => keptScreen(member.email, db),
    (screen) => screen?.rows[0]?.name === "Aaron First",
  );
  expect(renamed?.rows[0]?.name).toBe("Aaron First");
  expect(await accessibilityViolations(session.page, "serious")).toEqual([]);
});

test("a row clicked in the stand-in opens that contact's card once the copy is read", async () => {
  const { member, db } = await openNewDatabase(session, "firstclick", people);
  await firstScreenKept(member.email, db);
  const frame = await reopen(member.email, { click: "Person 03" });
  await frame.getByRole("heading", { name: "Person 03" }).waitFor({ timeout: 30_000 });
  expect((await seenStandIn())?.rows.length).toBeGreaterThan(5);
});

test("a search typed in the stand-in carries over to the list, with the focus", async () => {
  const { member, db } = await openNewDatabase(session, "firstsearch", people);
  await firstScreenKept(member.email, db);
  const frame = await reopen(member.email, { type: "person4" });
  const box = frame.getByRole("searchbox", { name: "Search contacts" });
  await frame.getByText("5 of 45 contacts").waitFor({ timeout: 30_000 });
  expect(await box.inputValue()).toBe("person4");
  expect(await box.evaluate((e) => e === document.activeElement)).toBe(true);
  // Typing goes on in the live list.
  await box.press("4");
  await frame.getByText("1 of 45 contacts").waitFor();
  expect((await seenStandIn())?.liveFirst).toBe(false);
});
