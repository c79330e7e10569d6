/**
 * A file dropped anywhere on the pane: `onFile` receives the first one (the workspace opens the
 * import with it). Off while `enabled` is false (a reader cannot import). In the first script, so
 * that a file dropped early never opens in the pane itself.
 */
import { useEffect } from "react";

export function useFileDrop(enabled: boolean, onFile: (file: File) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") === true;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    document.addEventListener("dragover", over);
    document.addEventListener("drop", drop);
    return () => {
      document.removeEventListener("dragover", over);
      document.removeEventListener("drop", drop);
    };
  }, [enabled, onFile]);
}
