/**
 * Reading a contact file in the import's Web Worker (read-worker.ts): the file's bytes go to a
 * worker made for this read (transferred, not copied), and its answer comes back. A read can be
 * abandoned (another file chosen, the dialog closed): its worker is ended.
 */
import type { ColumnTarget, ContactFileResult } from "../../import";

/** What the pane asks the worker. */
export interface ReadRequest {
  readonly bytes: ArrayBuffer;
  readonly fileName: string;
  /** For CSV: the column targets the user chose in the preview. */
  readonly targets?: ColumnTarget[];
}

/** What the worker answers: progress, then the result or a failure. */
export type ReadReply =
  | { readonly type: "progress"; readonly done: number; readonly total: number }
  | { readonly type: "done"; readonly result: ContactFileResult; readonly ms: number }
  | { readonly type: "failed"; readonly message: string };

export interface ReadOutcome {
  readonly result: ContactFileResult;
  /** How long the worker took to read the file. */
  readonly ms: number;
}

/**
 * Reads `file` in a worker. `signal` ends the worker (the promise then rejects); `onProgress`
 * is told how far the read has come (`ReadOptions.onProgress`: `done / total` is the fraction).
 */
export async function readInWorker(
  file: File,
  options: {
    targets?: ColumnTarget[];
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<ReadOutcome> {
  const bytes = await file.arrayBuffer();
  const worker = new Worker(new URL("./read-worker.ts", import.meta.url), {
    name: "bcm-import-reader",
  });
  try {
    return await new Promise<ReadOutcome>((resolve, reject) => {
      options.signal?.addEventListener("abort", () => reject(new Error("The read was cancelled.")));
      worker.onmessage = (event: MessageEvent<ReadReply>) => {
        const reply = event.data;
        if (reply.type === "progress") options.onProgress?.(reply.done, reply.total);
        else if (reply.type === "done") resolve({ result: reply.result, ms: reply.ms });
        else if (reply.type === "failed") reject(new Error(reply.message));
      };
      worker.onerror = (event) => reject(new Error(event.message || "The file could not be read."));
      const request: ReadRequest = {
        bytes,
        fileName: file.name,
        ...(options.targets ? { targets: options.targets } : {}),
      };
      worker.postMessage(request, [bytes]);
    });
  } finally {
    worker.terminate();
  }
}
