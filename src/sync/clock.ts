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
 * The offset an answer tells: `serverTime` (ISO) against the middle of the request, sent at
 * `sentAt` and answered at `answeredAt` (this computer's milliseconds). Null when the answer
 * carries no time (an older API).
 */
export function measureOffset(
  serverTime: string | undefined,
  sentAt: number,
  answeredAt: number,
): number | null {
  if (serverTime === undefined) return null;
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return Math.round(server - (sentAt + answeredAt) / 2);
}
