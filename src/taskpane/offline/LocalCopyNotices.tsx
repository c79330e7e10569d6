/**
 * What the pane says about the offline copy itself (docs/reliability.md): entries that could not
 * be read and were set aside (Export for support, then Delete) and the unsent changes a wiped
 * copy could not keep. A copy a newer version of the add-in upgraded: OutdatedNotice.tsx.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import { downloadJson, exportFileName } from "../database/export-file";
import { DismissButton } from "../ui/DismissButton";
import type { UnsentList } from "./unsent-changes";
import { describeUnsent } from "./unsent-changes";
import { useEngineRevision } from "./useEngineRevision";

export function LocalCopyNotices(props: {
  engine: SyncEngine;
  databaseName: string;
  lost: UnsentList | null;
}) {
  const { engine, databaseName, lost } = props;
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
