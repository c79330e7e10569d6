/**
 * The import's Web Worker: reads a contact file with `readContactFile` off the pane's thread, so
 * that a file of 50,000 rows does not freeze the pane. One request per worker (read-file.ts
 * makes a worker for each read and ends it after the answer).
 */
import { readContactFile } from "../../import";
import type { ReadReply, ReadRequest } from "./read-file";

/** The part of a dedicated worker's global scope this uses (the pane's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: ReadReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { bytes, fileName, targets } = event.data;
  const onProgress = (done: number, total: number) =>
    scope.postMessage({ type: "progress", done, total });
  try {
    const started = performance.now();
    const result = readContactFile(new Uint8Array(bytes), fileName, {
      ...(targets ? { targets } : {}),
      onProgress,
    });
    scope.postMessage({ type: "done", result, ms: performance.now() - started });
  } catch (error) {
    // readContactFile reports a broken file as problems; this is a fault of ours.
    scope.postMessage({
      type: "failed",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
