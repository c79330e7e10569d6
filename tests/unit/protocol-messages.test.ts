/**
 * The task pane shows the messages of a few protocol schemas. They are zod/mini schemas, and the
 * pane loads no zod locale (it would weigh on its first script), so each message it shows must
 * be the schema's own.
 */
import { z } from "zod/mini";
import { DatabaseName, SyncSetName } from "../../src/shared/protocol";

const messageOf = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

it("runs as the pane does, with no zod locale", () => {
  expect(z.config().localeError).toBeUndefined();
  // What a check without a message of its own says then.
  expect(messageOf(z.string().check(z.maxLength(1)), "ab")).toBe("Invalid input");
});

it.each([
  ["   ", "must not be empty"],
  ["x".repeat(101), "must be at most 100 characters"],
  [` ${"x".repeat(100)} `, null],
])("DatabaseName %j: %s", (name, message) => {
  expect(messageOf(DatabaseName, name)).toBe(message);
});

it.each([
  ["", "must not be empty"],
  ["x".repeat(65), "must be at most 64 characters"],
  ["a/b", "may hold letters, digits, spaces, '_', '.' and '-'"],
  ["Région Nord 2", null],
])("SyncSetName %j: %s", (name, message) => {
  expect(messageOf(SyncSetName, name)).toBe(message);
});
