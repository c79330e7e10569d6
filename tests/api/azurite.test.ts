/** Azurite as `npm start` runs it: data kept in its folder across a stop and a start. */
import { TableClient } from "@azure/data-tables";
import { startAzurite } from "../support/stack";

test("Azurite keeps what was written in its folder when stopped and started again", async () => {
  const azurite = await startAzurite();
  try {
    const table = () =>
      TableClient.fromConnectionString(azurite.connectionString, "persisted", {
        allowInsecureConnection: true,
      });
    await table().createTable();
    await table().upsertEntity({ partitionKey: "p", rowKey: "r", note: "kept" });
    await azurite.stop();
    await azurite.start();
    expect((await table().getEntity<{ note: string }>("p", "r")).note).toBe("kept");
  } finally {
    await azurite.dispose();
  }
});
