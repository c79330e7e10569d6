/** The wiring of the add-in's pages: the transport each sync engine is given. */
import { devAuth } from "../../../src/auth/dev-auth";
import { signedInTransport } from "../../../src/client/services";
import { ApiError } from "../../../src/sync/transport";

test("the engine's transport signs in on first use, again after a failed sign-in, and after a 401", async () => {
  const tokens: string[] = [];
  let fail = true;
  let refuse = false;
  const pulled: string[] = [];
  const auth = devAuth((email) => {
    tokens.push(email);
    return fail
      ? Promise.reject(new Error("no answer"))
      : Promise.resolve(`token-${tokens.length}`);
  });
  const api = {
    withToken: (token: string) =>
      ({
        pull: (databaseId: string) => {
          if (refuse) return Promise.reject(new ApiError(401, "unauthorized", "sign in again"));
          pulled.push(`${token}:${databaseId}`);
          return Promise.resolve({ records: [], removed: [], cursor: "c", more: false });
        },
        push: () => Promise.resolve({ lastMid: 0, results: [] }),
      }) as never,
  };
  const transport = signedInTransport(auth, api, "megan@contoso.com");
  expect(tokens).toEqual([]);
  await expect(transport.pull("db-1", null, 10)).rejects.toThrow("no answer");
  fail = false;
  await transport.pull("db-1", null, 10);
  await transport.pull("db-2", null, 10);
  expect(tokens).toEqual(["megan@contoso.com", "megan@contoso.com"]);
  expect(pulled).toEqual(["token-2:db-1", "token-2:db-2"]);
  refuse = true;
  await expect(transport.pull("db-1", null, 10)).rejects.toThrow("sign in again");
  refuse = false;
  await transport.pull("db-1", null, 10);
  expect(pulled.at(-1)).toBe("token-3:db-1");
});
