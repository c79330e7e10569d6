/**
 * Which clock decides: the server's (docs/sync-protocol.md, "Which clock decides"). A change's
 * `at` is when the user made it, and "newest wins" compares two of them made on two computers:
 * a computer whose clock is hours ahead would win every conflict, one behind would lose them
 * all. So each pull and push answer carries the server's time (`serverTime`); the engine keeps
 * how far this computer's clock is from it (measured at the middle of the request) and stamps
 * every change in server time; the server never stores a change's time later than its own.
 */
import { z } from "zod/mini";

/** `sync:clock`: the last measured offset, so that a copy opened offline still stamps right. */
export const ClockOffset = z.object({
  /** Server time minus this computer's time, in milliseconds. */
  offsetMs: z.number(),
  /** When it was measured (server time). */
  measuredAt: z.string(),
});
export type ClockOffset = z.infer<typeof ClockOffset>;

/**
 * A clock this close to the server's, beyond what the request's own length leaves uncertain,
 * is taken as right: computers that keep time (as nearly all do) then stamp with their own
 * clocks, as exact as those are, instead of an estimate that a slow answer can make seconds
 * wrong and so turn "newest wins" around between two changes made a moment apart.
 */
export const IN_TIME_MS = 2_000;

/**
 * The offset an answer tells: `serverTime` (ISO) against the middle of the request, sent at
 * `sentAt` and answered at `answeredAt` (this computer's milliseconds); 0 when this computer's
 * clock is within the measurement's uncertainty (half the request's length) and
 * {@link IN_TIME_MS} of it. Null when the answer carries no time (an older API).
 */
export function measureOffset(
  serverTime: string | undefined,
  sentAt: number,
  answeredAt: number,
): number | null {
  if (serverTime === undefined) return null;
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  const offset = Math.round(server - (sentAt + answeredAt) / 2);
  return Math.abs(offset) <= (answeredAt - sentAt) / 2 + IN_TIME_MS ? 0 : offset;
}
