/**
 * The `Broadcast` port over BroadcastChannel: tells the other panes and commands of the
 * add-in's origin that an offline copy changed, so that they reload it. Without
 * BroadcastChannel, nothing is sent (each pane still reloads before its own next change).
 */
import type { Json } from "../shared/protocol";
import type { Broadcast } from "../sync/ports";

/** The channel every pane of the add-in listens on. */
export const SYNC_CHANNEL = "bcm-sync";

export class BroadcastChannelBroadcast implements Broadcast {
  readonly #channel: BroadcastChannel;

  constructor(channel: BroadcastChannel) {
    this.#channel = channel;
  }

  /** A BroadcastChannel endpoint when the browser has them, else one that sends nothing. */
  static orFallback(name = SYNC_CHANNEL): Broadcast {
    if (typeof BroadcastChannel === "undefined") {
      return { post: () => undefined, subscribe: () => () => undefined };
    }
    return new BroadcastChannelBroadcast(new BroadcastChannel(name));
  }

  post(message: Json): void {
    this.#channel.postMessage(message);
  }

  subscribe(listener: (message: unknown) => void): () => void {
    const onMessage = (event: MessageEvent) => listener(event.data);
    this.#channel.addEventListener("message", onMessage);
    return () => this.#channel.removeEventListener("message", onMessage);
  }

  /** Closes the endpoint (a pane that goes away). */
  close(): void {
    this.#channel.close();
  }
}
