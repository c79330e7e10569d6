/**
 * The notice of a copy that a newer version of the add-in upgraded in another pane. It stays in
 * the pane's first script: after such an upgrade the host may no longer have this version's
 * lazily loaded chunks.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";

/** Whether the copy is outdated (a newer pane upgraded it), re-read on the engine's event. */
export function useOutdated(engine: SyncEngine): boolean {
  const [, setSeen] = useState(0);
  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === "outdated") setSeen((n) => n + 1);
      }),
    [engine],
  );
  return engine.outdated;
}

export function OutdatedNotice() {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        A newer version of the add-in changed the offline copy. Reload to go on; nothing more is
        saved or sent from this pane until then.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
