/**
 * The server's clock decides (docs/sync-protocol.md, "Which clock decides"), over HTTP against
 * the local host and Azurite: pull and push answers carry `serverTime`, and a change stamped
 * hours in the future by a client whose clock runs ahead is kept as made now, so it does not
 * look newer than a later change of someone else.
 */
import { call } from "../support/http";
import { Client, create, edit, newDatabase, newMember } from "../support/db";

test("answers carry the server's time; a change from the future is stamped no later than it", async () => {
  const owner = await newMember();
  const db = await newDatabase(owner);
  const pulled = await call<{ serverTime?: string }>(`/databases/${db}/pull`, {
    token: owner.token,
    body: { cursor: null, limit: 10 },
  });
  const before = Date.now();
  expect(Math.abs(Date.parse(pulled.body.serverTime!) - before)).toBeLessThan(60_000);

  const ahead = new Client(db, owner);
  await ahead.push([create("contact", "x", { jobTitle: "Buyer" })]);
  const future = new Date(Date.now() + 5 * 3_600_000).toISOString();
  const pushed = await ahead.push([
    {
      ...edit("contact", "x", 1, { jobTitle: "Buyer" }, { jobTitle: "From the future" }),
      at: future,
    },
  ]);
  const serverTime = Date.parse((pushed.body as { serverTime: string }).serverTime);

  // Someone else's change of the same field conflicts: theirsAt is the stamp kept.
  const other = new Client(db, owner);
  const reply = await other.push([
    edit("contact", "x", 1, { jobTitle: "Buyer" }, { jobTitle: "Later" }),
  ]);
  const conflict = reply.body.results[0]?.conflicts?.[0];
  expect(conflict?.field).toBe("jobTitle");
  expect(Date.parse(conflict!.theirsAt!)).toBeLessThanOrEqual(serverTime);
  expect(conflict!.theirsAt).not.toBe(future);
});
