/**
 * The soak (issue 15): N simulated clients (the real sync engine on the memory store, in Node)
 * and real panes in Chromium, for a bounded time against the local host and Azurite, with the
 * fault proxy (tests/support/fault-proxy.ts) between them and the API at a seeded rate. Each
 * client creates, edits and deletes contacts, goes offline and back, changes its conflict rule
 * and syncs; the owner changes a sync set's filter and who is in it meanwhile; each pane creates
 * contacts through its form and works offline now and then.
 *
 * At the end, faults off, every client syncs until quiet and the run checks: every acknowledged
 * mutation is in the server's state (`lost`), none was applied twice (`duplicated`: a record's
 * version above the changes that may have made it), every copy equals the server's view for
 * its member (`diverged`; a field waiting in an "ask me" inbox shows the user's own value), no
 * outbox holds anything, and nothing is in needs attention without the server's reason; each
 * pane sent everything, and every contact it made is in the database exactly once.
 *
 * `npm run soak` (bench/soak.ts) runs the long one on a stack of its own and writes its figures
 * into bench/results.json.
 */
import { loadavg } from "node:os";
import type { Locator, Page } from "playwright-core";
import { ApiClient } from "../../src/client/api-client";
import { ApiError, NetworkError } from "../../src/sync/transport";
import type { Filter } from "../../src/shared/protocol";
import type { ConflictRule } from "../../src/sync/settings";
import { openBrowser, type BrowserSession } from "./browser";
import { newDatabase, newMember, pullAll, share, type Member } from "./db";
import { FaultProxy, FAULTS, seededRandom } from "./fault-proxy";
import {
  nodeFetch,
  openClient,
  syncUntilDone,
  verdict,
  type SimClient,
  type Verdict,
} from "./sync-clients";

export interface SoakOptions {
  /** The API the clients reach (through the proxy). */
  readonly apiUrl: string;
  /** The add-in's origin, for the panes (none: no panes). */
  readonly webUrl?: string;
  readonly clients: number;
  readonly panes: number;
  readonly durationMs: number;
  readonly seed: number;
  /** The share of pulls and pushes the proxy spoils. */
  readonly rate: number;
  readonly log?: (line: string) => void;
}

export interface SoakResult {
  readonly seed: number;
  readonly clients: number;
  readonly panes: number;
  readonly operations: number;
  readonly faultsInjected: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly diverged: number;
  /** Every finding, for a failing run's message. */
  readonly findings: Verdict & { panes: string[] };
  readonly faults: Record<string, number>;
  readonly ms: number;
}

const RULES: readonly ConflictRule[] = ["ask", "mine", "shared", "newest"];
const CATEGORIES = [["Team"], ["Sales"], ["Team", "Sales"], []] as const;
const TEAM_FILTERS: readonly Filter[] = [
  { any: [{ field: "categories", op: "contains", value: "Team" }] },
  { any: [{ field: "categories", op: "in", value: ["Team", "Sales"] }] },
];
/** Contacts the panes make carry this family name (`Pane<k>`): the simulated clients leave them alone. */
const PANE_MARK = /^Pane\d+$/;
const paneMade = (fields: Readonly<Record<string, unknown>>) =>
  typeof fields.familyName === "string" && PANE_MARK.test(fields.familyName);

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const deadline = started + options.durationMs;
  const api = new URL(options.apiUrl);
  const proxy = await FaultProxy.start({
    target: api.origin,
    seed: options.seed,
    delayMs: 4_000,
    eligible: (r) => r.method === "POST" && /\/(pull|push)$/.test(r.path),
  });
  const proxied = `${proxy.url}${api.pathname}`;
  let operations = 0;
  let session: BrowserSession | undefined;
  try {
    // ── the database, its members and their clients ──
    const owner = await newMember("soak-owner");
    const db = await newDatabase(owner, "Soak database");
    const admin = new ApiClient({ baseUrl: options.apiUrl, fetch: nodeFetch, token: owner.token });
    await admin.putSyncSet(db, "team", TEAM_FILTERS[0]!);
    const members: Member[] = [owner];
    const teamMembers: Member[] = [];
    for (let i = 1; i < options.clients; i++) {
      // Every third client is a second device of the member before it; every other member works in the "team" set.
      if (i % 3 === 2) {
        members.push(members[i - 1]!);
        continue;
      }
      const inTeam = i % 2 === 1;
      const member = await share(db, owner, "editor", inTeam ? "team" : null);
      if (inTeam) teamMembers.push(member);
      members.push(member);
    }
    const clients: SimClient[] = [];
    for (let i = 0; i < options.clients; i++) {
      clients.push(
        await openClient(`client${i}`, members[i]!, db, proxied, {
          timeoutMs: 3_000,
          random: seededRandom(options.seed + 1000 + i),
        }),
      );
    }
    const paneMembers: Member[] = [];
    for (let k = 0; k < (options.webUrl ? options.panes : 0); k++)
      paneMembers.push(await share(db, owner, "editor"));
    log(
      `soak: seed ${options.seed} (BCM_FAULT_SEED=${options.seed} replays the faults), ` +
        `${options.clients} clients, ${paneMembers.length} panes, ${Math.round(options.durationMs / 1000)} s, ` +
        `faults on ${Math.round(options.rate * 100)} % of pulls and pushes`,
    );
    proxy.setRate(options.rate, FAULTS);

    // ── the panes ──
    const paneNames: string[][] = paneMembers.map(() => []);
    let pages: Page[] = [];
    if (options.webUrl && paneMembers.length > 0) {
      session = await openBrowser();
      pages = await Promise.all(
        paneMembers.map(async (member, k) => {
          const page = k === 0 ? session!.page : await session!.context.newPage();
          const query = new URLSearchParams({
            api: proxied,
            user: member.email,
            userName: `Pane ${k}`,
          });
          await page.goto(`${options.webUrl}/harness.html?${query.toString()}`, {
            waitUntil: "domcontentloaded",
            timeout: 240_000,
          });
          return page;
        }),
      );
    }

    // ── the run ──
    const simulated = clients.map((client, i) =>
      simulate(client, seededRandom(options.seed + i), deadline, () => operations++),
    );
    const owned = ownerChanges(
      admin,
      db,
      teamMembers,
      seededRandom(options.seed - 1),
      deadline,
      () => operations++,
    );
    const panes = pages.map((page, k) =>
      drivePane(
        page,
        k,
        seededRandom(options.seed + 500 + k),
        deadline,
        paneNames[k]!,
        () => operations++,
      ),
    );
    await Promise.all([...simulated, owned, ...panes]);

    // ── faults off: everyone syncs until quiet ──
    proxy.setRate(0);
    log(`soak: ${operations} operations, ${proxy.total} faults injected; syncing without faults`);
    await new Promise((r) => setTimeout(r, 4_500)); // Requests the proxy held back land.
    for (const client of clients) {
      client.transport.offline = false;
      client.transport.patient = true;
    }
    for (let round = 0; round < 3; round++)
      for (const client of clients) await syncUntilDone(client, 20);
    const paneFindings: string[] = [];
    for (const [k, page] of pages.entries()) paneFindings.push(...(await paneSent(page, k)));
    for (const client of clients) await syncUntilDone(client, 20);

    // ── the checks ──
    const v = await verdict(db, clients, {
      // A pane's contact was made once by the pane; the clients leave it alone.
      outside: await paneCreates(db, owner),
    });
    const everything = (await pullAll(db, owner)).records;
    for (const [k, made] of paneNames.entries()) {
      for (const name of made) {
        const found = [...everything.values()].filter((r) => r.fields.givenName === name).length;
        if (found === 0) v.lost.push(`pane ${k}: ${name} not in the database`);
        if (found > 1) v.duplicated.push(`pane ${k}: ${name} ${found} times`);
      }
    }
    const result: SoakResult = {
      seed: options.seed,
      clients: clients.length + pages.length,
      panes: pages.length,
      operations,
      faultsInjected: proxy.total,
      lost: v.lost.length,
      duplicated: v.duplicated.length,
      diverged: v.diverged.length + v.unsent.length + paneFindings.length,
      findings: { ...v, panes: paneFindings },
      faults: { ...proxy.injected },
      ms: Date.now() - started,
    };
    log(
      `soak: ${result.clients} clients (${result.panes} panes), ${result.operations} operations, ` +
        `${result.faultsInjected} faults (${FAULTS.map((f) => `${f} ${proxy.injected[f]}`).join(", ")}); ` +
        `lost ${result.lost}, duplicated ${result.duplicated}, diverged ${result.diverged}; ` +
        `${Math.round(result.ms / 1000)} s, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
    );
    return result;
  } finally {
    await session?.close();
    await proxy.close();
  }
}

/** One simulated client's work until the deadline: edits, syncs, offline spells, rule changes. */
async function simulate(
  client: SimClient,
  random: () => number,
  deadline: number,
  count: () => void,
): Promise<void> {
  const { engine, transport } = client;
  let made = 0;
  let offlineSteps = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  while (Date.now() < deadline) {
    count();
    const roll = random();
    const mine = engine.records("contact").filter((r) => !paneMade(r.fields));
    if (roll < 0.3 || mine.length === 0) {
      made++;
      await engine.create(
        "contact",
        {
          givenName: `${client.name} ${made}`,
          familyName: "Soak",
          categories: [...pick(CATEGORIES)],
          jobTitle: `made ${made}`,
        },
        `${client.name}-${made}`,
      );
    } else if (roll < 0.62) {
      const target = pick(mine);
      const field = pick(["givenName", "jobTitle", "department", "categories"] as const);
      const value =
        field === "categories"
          ? [...pick(CATEGORIES)]
          : `${client.name} ${Math.floor(random() * 1e6)}`;
      await engine.update("contact", target.id, { [field]: value });
    } else if (roll < 0.7) {
      await engine.remove("contact", pick(mine).id);
    } else if (roll < 0.72) {
      await engine.updateSettings({ conflictRule: pick(RULES) });
    } else if (roll < 0.75) {
      // Offline for a few steps: syncs fail as without a network, edits go on.
      offlineSteps = 1 + Math.floor(random() * 8);
      transport.offline = true;
    } else if (roll < 0.77 && engine.inbox.length > 0) {
      await engine.answer(engine.inbox[0]!, random() < 0.5 ? "mine" : "theirs");
    } else {
      await engine.sync().catch(() => undefined);
    }
    if (offlineSteps > 0 && --offlineSteps === 0) transport.offline = false;
    // Yield, so that the clients take turns with the panes and the servers.
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The owner, meanwhile: the "team" set's filter changes, and members move in and out of it. */
async function ownerChanges(
  admin: ApiClient,
  db: string,
  team: readonly Member[],
  random: () => number,
  deadline: number,
  count: () => void,
): Promise<void> {
  let turn = 0;
  while (Date.now() + 6_000 < deadline) {
    await new Promise((r) => setTimeout(r, 3_000 + random() * 3_000));
    count();
    turn++;
    if (turn % 2 === 1 || team.length === 0) {
      const filter = TEAM_FILTERS[turn % TEAM_FILTERS.length]!;
      await whenNotBusy(() => admin.putSyncSet(db, "team", filter));
    } else {
      const member = team[Math.floor(random() * team.length)]!;
      const syncSet = random() < 0.5 ? null : "team";
      await whenNotBusy(() => admin.putMember(db, member.email, { role: "editor", syncSet }));
    }
  }
}

/**
 * An owner's change, tried again while the database answers 503 busy (the pushes of every
 * client contend for it), after the pause its Retry-After asks for, or does not answer in time
 * (a loaded machine), as the pane's user would. Both changes are idempotent PUTs.
 */
async function whenNotBusy<T>(change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change();
    } catch (error) {
      const busy = error instanceof ApiError && error.status === 503;
      if (!(busy || error instanceof NetworkError) || attempt === 10) throw error;
      await new Promise((r) => setTimeout(r, (busy && error.retryAfterMs) || 2_000));
    }
  }
}

/** A pane's user, meanwhile: new contacts through the form, and now and then working offline. */
async function drivePane(
  page: Page,
  k: number,
  random: () => number,
  deadline: number,
  made: string[],
  count: () => void,
): Promise<void> {
  const frame = page.frameLocator('iframe[title="Task pane"]');
  await frame.getByRole("button", { name: "New contact" }).waitFor({ timeout: 240_000 });
  const offline = frame.getByRole("switch", { name: "Work offline" });
  let i = 0;
  while (Date.now() + 10_000 < deadline) {
    count();
    i++;
    const goOffline = random() < 0.2;
    if (goOffline) await setOffline(offline, true);
    const name = `P${k}n${i}`;
    await frame.getByRole("button", { name: "New contact" }).click();
    await frame.getByRole("textbox", { name: "First name" }).fill(name);
    await frame.getByRole("textbox", { name: "Last name" }).fill(`Pane${k}`);
    await frame.getByRole("button", { name: "Save" }).click();
    await frame.getByRole("button", { name: "Back" }).click();
    made.push(name);
    if (goOffline) await setOffline(offline, false);
    await new Promise((r) => setTimeout(r, 1_000 + random() * 2_000));
  }
  await setOffline(offline, false);
}

/**
 * Work offline is one choice per origin (`bcm.workOffline`), so the panes of one browser share
 * it: another pane may flip it between this pane's click and its check of the switch's state.
 */
async function setOffline(offline: Locator, on: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await offline.setChecked(on);
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** At the end (faults off): the pane syncs and says nothing waits; what it says otherwise. */
async function paneSent(page: Page, k: number): Promise<string[]> {
  const frame = page.frameLocator('iframe[title="Task pane"]');
  try {
    await frame
      .getByRole("button", { name: "Sync now", disabled: false })
      .click({ timeout: 60_000 });
    await frame.getByText("No changes waiting").waitFor({ timeout: 120_000 });
    return [];
  } catch (error) {
    return [
      `pane ${k}: did not send everything (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
    ];
  }
}

/** Each pane-made contact counts one change the clients did not make (its creation). */
async function paneCreates(db: string, owner: Member): Promise<Map<string, number>> {
  const outside = new Map<string, number>();
  for (const [key, record] of (await pullAll(db, owner)).records)
    if (paneMade(record.fields)) outside.set(key, 1);
  return outside;
}
