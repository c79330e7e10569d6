import { Client, create, edit, newDatabase, newMember, pullAll } from "../support/db";

describe("push", () => {
  it("creates a contact, and a pull returns it at version 1", async () => {
    const owner = await newMember("owner");
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    const reply = await client.push([
      create("contact", "ann", { givenName: "Ann", familyName: "Lee" }),
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.lastMid).toBe(1);
    expect(reply.body.results).toEqual([
      {
        mid: 1,
        status: "applied",
        record: expect.objectContaining({
          type: "contact",
          id: "ann",
          version: 1,
          deleted: false,
          updatedBy: owner.email,
        }),
      },
    ]);
    const copy = await pullAll(db, owner);
    expect(copy.records.get("contact:ann")?.fields).toEqual({
      givenName: "Ann",
      familyName: "Lee",
    });
  });

  it("merges field by field: another client's change to another field survives", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const a = new Client(db, owner);
    const b = new Client(db, owner);
    await a.push([create("contact", "x", { givenName: "Ann", jobTitle: "Buyer" })]);
    await a.push([
      edit("contact", "x", 1, { jobTitle: "Buyer" }, { jobTitle: "Head of Purchasing" }),
    ]);
    const reply = await b.push([
      edit("contact", "x", 1, { givenName: "Ann" }, { givenName: "Anne" }),
    ]);
    expect(reply.body.results[0]?.status).toBe("applied");
    expect(reply.body.results[0]?.record?.fields).toEqual({
      givenName: "Anne",
      jobTitle: "Head of Purchasing",
    });
    expect(reply.body.results[0]?.record?.version).toBe(3);
  });

  it("answers an empty push with the client's last mid, changing nothing", async () => {
    const owner = await newMember();
    const db = await newDatabase(owner);
    const client = new Client(db, owner);
    expect((await client.send([])).body).toEqual({
      lastMid: 0,
      results: [],
      serverTime: expect.any(String),
    });
    await client.push([
      create("contact", "e", { givenName: "E" }),
      create("contact", "f", { givenName: "F" }),
    ]);
    expect((await client.send([])).body).toEqual({
      lastMid: 2,
      results: [],
      serverTime: expect.any(String),
    });
    expect((await pullAll(db, owner)).records.size).toBe(2);
  });
});
