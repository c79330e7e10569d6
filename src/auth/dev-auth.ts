/**
 * Development sign-in: the local API issues a token for any address (`POST /dev/token`, only
 * when the API runs with `BCM_AUTH=dev`). Tokens live 12 hours; one is kept per user for 11.
 * Graph's token is `dev-graph:<address>`, which only the development Graph accepts
 * (tests/support/fake-graph.ts, started by `npm start` and the tests).
 */
import type { Auth } from "./auth";

const KEEP_MS = 11 * 60 * 60 * 1000;

export function devAuth(
  issue: (email: string) => Promise<string>,
  now: () => number = Date.now,
): Auth {
  const tokens = new Map<string, { token: Promise<string>; at: number }>();
  return {
    token(email) {
      const kept = tokens.get(email);
      if (kept && now() - kept.at < KEEP_MS) return kept.token;
      const token = issue(email);
      const entry = { token, at: now() };
      tokens.set(email, entry);
      // A failed sign-in is tried again on the next call.
      token.catch(() => {
        if (tokens.get(email) === entry) tokens.delete(email);
      });
      return token;
    },
    forget(email) {
      tokens.delete(email);
    },
    graphToken: (email) => Promise.resolve(`dev-graph:${email}`),
  };
}
