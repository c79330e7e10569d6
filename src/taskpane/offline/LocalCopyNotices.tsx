/**
 * What the pane says about the offline copy itself (docs/reliability.md): entries that could not
 * be read and were set aside (Export for support, then Delete), a copy a newer version of the
 * add-in upgraded in another pane (Reload), and the unsent changes a wiped copy could not keep.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { downloadJson, exportFileName } from "../database/export-file";
import { DismissButton } from "../ui/DismissButton";
import type { UnsentList } from "./unsent-changes";
import { describeUnsent } from "./unsent-changes";
import { useEngineRevision } from "./useEngineRevision";

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

export function LocalCopyNotices(props: {
  engine: SyncEngine;
  databaseName: string;
  outdated: boolean;
  lost: UnsentList | null;
}) {
  const { engine, databaseName, outdated, lost } = props;
  useEngineRevision(engine);
  const [lostShown, setLostShown] = useState(true);
  const quarantined = engine.quarantine.length;
  const exportQuarantine = () => {
    const name = exportFileName(databaseName, new Date()).replace(
      /-changes-(?=\d{4}-\d{2}-\d{2}\.json$)/,
      "-set-aside-",
    );
    downloadJson(name, engine.exportQuarantine());
  };
  return (
    <>
      {outdated && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            A newer version of the add-in changed the offline copy. Reload to go on; nothing more is
            saved or sent from this pane until then.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => window.location.reload()}>Reload</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {quarantined > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {quarantined === 1
              ? "1 entry of the offline copy could not be read and was set aside. Everything else works. Export it for a support request, then delete it."
              : `${quarantined} entries of the offline copy could not be read and were set aside. Everything else works. Export them for a support request, then delete them.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={exportQuarantine}>Export</Button>
            <Button onClick={() => void engine.clearQuarantine()}>Delete</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {lost && lostShown && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>These unsent changes could not be kept</MessageBarTitle>
            The offline copy was removed before they were sent; make them again:
            <ul aria-label="Changes that could not be kept">
              {lost.changes.map((change) => (
                <li key={`${change.type}:${change.id}:${change.at}`}>{describeUnsent(change)}</li>
              ))}
              {lost.more > 0 && <li>{`and ${lost.more} more`}</li>}
            </ul>
          </MessageBarBody>
          <MessageBarActions
            containerAction={<DismissButton onClick={() => setLostShown(false)} />}
          />
        </MessageBar>
      )}
    </>
  );
}
