import type { ConnectionSituation } from "../../../src/taskpane/connection-notice";
import { nextNotice } from "../../../src/taskpane/connection-notice";

const online: ConnectionSituation = { status: "online", workOffline: false };
const offline: ConnectionSituation = { status: "offline", workOffline: false };
const checking: ConnectionSituation = { status: "checking", workOffline: false };
const workingOffline = (status: ConnectionSituation["status"]): ConnectionSituation => ({
  status,
  workOffline: true,
});

describe("what the pane says when the database goes and comes back", () => {
  test("lost: switched by itself, or asked first, as the settings say", () => {
    expect(nextNotice("none", online, offline, true)).toBe("lost");
    expect(nextNotice("none", online, offline, false)).toBe("ask");
    // Opening while the database does not answer.
    expect(nextNotice("none", checking, offline, true)).toBe("lost");
  });

  test("back once it answers again, whatever was said or dismissed meanwhile", () => {
    expect(nextNotice("lost", offline, online, true)).toBe("back");
    expect(nextNotice("none", offline, online, false)).toBe("back");
    // A pane that opens online says nothing.
    expect(nextNotice("none", checking, online, true)).toBe("none");
  });

  test("a notice stays while the situation does not change its meaning", () => {
    expect(nextNotice("ask", offline, { status: "checking", workOffline: false }, false)).toBe(
      "ask",
    );
    expect(nextNotice("none", online, checking, true)).toBe("none");
  });

  test("nothing while the user works offline; turning it off while unreachable says so again", () => {
    expect(nextNotice("ask", offline, workingOffline("offline"), false)).toBe("none");
    expect(nextNotice("none", workingOffline("online"), workingOffline("offline"), true)).toBe(
      "none",
    );
    expect(nextNotice("none", workingOffline("offline"), workingOffline("online"), true)).toBe(
      "none",
    );
    expect(nextNotice("none", workingOffline("offline"), offline, false)).toBe("ask");
    expect(nextNotice("none", workingOffline("offline"), online, true)).toBe("none");
  });
});
