/**
 * "Sharing": the user's own membership (role, what their copy holds), and for owners the
 * members (role, sync set and subscriptions of each, removal), sharing with a colleague by
 * e-mail, and the sync sets. Every change goes to the API at once; a refusal is shown in words
 * on the field the server named. Readers and editors see what the server shows them: their own
 * membership.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, PersonAdd20Regular } from "@fluentui/react-icons";
import type { FormEvent } from "react";
import { useId, useState } from "react";
import type { MemberInfo, Role, SyncSetInfo } from "../../shared/protocol";
import { Email } from "../../shared/protocol";
import type { SyncEngine } from "../../sync/engine";
import type { MemberGrant } from "../../client/api-client";
import type { DatabaseState } from "../useDatabase";
import { filterSummary } from "./filter-draft";
import { ROLE_OPTIONS, isRole, roleAbilities, roleName } from "./roles";
import { SubscriptionsDialog } from "./SubscriptionsDialog";
import type { RecordOption } from "./SyncSetEditor";
import { SyncSetEditor } from "./SyncSetEditor";
import { useRecordOptions } from "./useRecordOptions";
import type { SharingResult } from "./useSharing";
import { useSharing } from "./useSharing";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";
import { EmailText } from "../ui/EmailText";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  subheading: { margin: `${tokens.spacingVerticalS} 0 0` },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: { overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  start: { alignSelf: "flex-start" },
});

export function SharingSection(props: {
  database: DatabaseState;
  engine: SyncEngine;
  databaseName: string;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { database, engine, databaseName } = props;
  const sharing = useSharing(database, engine.databaseId);
  const companies = useRecordOptions(engine, "company");
  const groups = useRecordOptions(engine, "group");
  const contacts = useRecordOptions(engine, "contact");
  const [subscriptionsOf, setSubscriptionsOf] = useState<string | null>(null);
  const names = new Map([...companies, ...groups].map((r) => [r.id, r.name]));
  const summary = (set: SyncSetInfo) => filterSummary(set.filter, (id) => names.get(id) ?? null);
  const { info, members, syncSets } = sharing;
  const ownSet = info?.syncSet ? syncSets.find((s) => s.name === info.syncSet) : undefined;
  const subscriber = members?.find((m) => m.email === subscriptionsOf) ?? null;

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        Sharing
      </Subtitle2>
      {sharing.problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>Sharing could not be read. {sharing.problem}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void sharing.reload()}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {!info && sharing.loading && (
        <Spinner size="tiny" label="Reading who shares this database…" />
      )}
      {info && (
        <>
          <Body1 className={styles.text}>
            You are{" "}
            {info.role === "owner"
              ? "an owner"
              : `${info.role === "editor" ? "an editor" : "a reader"}`}{" "}
            of {databaseName}. {roleAbilities(info.role)}
          </Body1>
          <Caption1 className={styles.detail}>
            {info.syncSet === null
              ? "Your copy holds every contact."
              : `Your copy holds the sync set ${info.syncSet}${ownSet ? ` (${summary(ownSet)})` : ""}, and the contacts you subscribed to.`}
          </Caption1>
        </>
      )}
      {info?.role === "owner" && members && (
        <>
          <MembersList
            members={members}
            me={sharing.me}
            syncSets={syncSets}
            onChange={sharing.putMember}
            onRemove={sharing.removeMember}
            onSubscriptions={setSubscriptionsOf}
          />
          <ShareForm syncSets={syncSets} onShare={sharing.putMember} />
          <SyncSetsList
            syncSets={syncSets}
            summary={summary}
            companies={companies}
            groups={groups}
            engine={engine}
            onSave={sharing.putSyncSet}
          />
        </>
      )}
      {subscriber && (
        <SubscriptionsDialog
          email={subscriber.email}
          subscriptions={subscriber.subscriptions}
          contacts={contacts}
          onAdd={(id) => sharing.subscribe(subscriber.email, id)}
          onRemove={(id) => sharing.unsubscribe(subscriber.email, id)}
          onClose={() => setSubscriptionsOf(null)}
        />
      )}
    </section>
  );
}

function MembersList(props: {
  members: readonly MemberInfo[];
  me: string | null;
  syncSets: readonly SyncSetInfo[];
  onChange: (email: string, grant: MemberGrant) => Promise<SharingResult>;
  onRemove: (email: string) => Promise<SharingResult>;
  onSubscriptions: (email: string) => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { members, me, syncSets, onChange, onRemove, onSubscriptions } = props;
  return (
    <>
      <Subtitle2 as="h4" id={headingId} className={styles.subheading}>
        Members
      </Subtitle2>
      <ul className={styles.list} aria-labelledby={headingId}>
        {members.map((member) => (
          <MemberRow
            key={member.email}
            member={member}
            isMe={member.email === me}
            syncSets={syncSets}
            onChange={(grant) => onChange(member.email, grant)}
            onRemove={() => onRemove(member.email)}
            onSubscriptions={() => onSubscriptions(member.email)}
          />
        ))}
      </ul>
    </>
  );
}

function MemberRow(props: {
  member: MemberInfo;
  isMe: boolean;
  syncSets: readonly SyncSetInfo[];
  onChange: (grant: MemberGrant) => Promise<SharingResult>;
  onRemove: () => Promise<SharingResult>;
  onSubscriptions: () => void;
}) {
  const styles = useStyles();
  const { member, isMe, syncSets, onChange, onRemove, onSubscriptions } = props;
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const run = async (work: () => Promise<SharingResult>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      if (!result.ok) setError({ field: result.field ?? null, message: result.message });
      return result.ok;
    } finally {
      setBusy(false);
    }
  };
  const on = (field: string) =>
    error?.field === field
      ? { validationState: "error" as const, validationMessage: error.message }
      : {};
  const count = member.subscriptions.length;

  return (
    <li className={styles.card}>
      <Text weight="semibold" className={styles.text}>
        <EmailText address={member.email} />
        {isMe ? " (you)" : ""}
      </Text>
      <Field label="Role" size="small" {...on("role")}>
        <Select
          size="small"
          aria-label={`Role of ${member.email}`}
          value={member.role}
          disabled={busy}
          onChange={(_, d) => {
            const role = d.value;
            if (isRole(role)) void run(() => onChange({ role, syncSet: member.syncSet }));
          }}
        >
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Sync set" size="small" {...on("syncSet")}>
        <Select
          size="small"
          aria-label={`Sync set of ${member.email}`}
          value={member.syncSet ?? ""}
          disabled={busy}
          onChange={(_, d) =>
            void run(() =>
              onChange({ role: member.role, syncSet: d.value === "" ? null : d.value }),
            )
          }
        >
          <SyncSetOptions syncSets={syncSets} current={member.syncSet} />
        </Select>
      </Field>
      <div className={styles.row}>
        <Caption1 className={styles.detail}>
          {count === 0
            ? "No subscriptions"
            : count === 1
              ? "1 subscription"
              : `${count} subscriptions`}
        </Caption1>
        <Button
          size="small"
          aria-label={`Subscriptions of ${member.email}`}
          onClick={onSubscriptions}
        >
          Subscriptions
        </Button>
        <Button
          size="small"
          disabled={busy}
          aria-label={`Remove ${member.email}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </Button>
      </div>
      {error && error.field !== "role" && error.field !== "syncSet" && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <WrappingDialogSurface>
          <DialogBody>
            <DialogTitle>Remove {member.email}?</DialogTitle>
            <DialogContent>
              {isMe
                ? "You lose access to this database: its copy on your computers stops syncing."
                : `${member.email} loses access to this database: the copy on their computers stops syncing.`}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() => {
                  setConfirming(false);
                  void run(onRemove);
                }}
              >
                Remove
              </Button>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </WrappingDialogSurface>
      </Dialog>
    </li>
  );
}

/** "Everything", then each sync set (and a member's set that is no longer listed). */
function SyncSetOptions(props: { syncSets: readonly SyncSetInfo[]; current: string | null }) {
  const { syncSets, current } = props;
  return (
    <>
      <option value="">Everything</option>
      {syncSets.map((s) => (
        <option key={s.name} value={s.name}>
          {s.name}
        </option>
      ))}
      {current !== null && !syncSets.some((s) => s.name === current) && (
        <option value={current}>{current}</option>
      )}
    </>
  );
}

function ShareForm(props: {
  syncSets: readonly SyncSetInfo[];
  onShare: (email: string, grant: MemberGrant) => Promise<SharingResult>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { syncSets, onShare } = props;
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [syncSet, setSyncSet] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const checked = Email.safeParse(email);
    if (!checked.success) {
      setError({ field: "email", message: "Enter your colleague's e-mail address." });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await onShare(checked.data, {
        role,
        syncSet: syncSet === "" ? null : syncSet,
      });
      if (result.ok) {
        setDone(`Shared with ${checked.data} as ${roleName(role).toLowerCase()}.`);
        setEmail("");
      } else {
        setError({ field: result.field ?? null, message: result.message });
      }
    } finally {
      setBusy(false);
    }
  };
  const on = (field: string) =>
    error?.field === field
      ? { validationState: "error" as const, validationMessage: error.message }
      : {};

  return (
    <form
      className={styles.form}
      // The form checks the address itself, and says so in words on the field.
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby={headingId}
    >
      <Subtitle2 as="h4" id={headingId} className={styles.subheading}>
        Share with a colleague
      </Subtitle2>
      <Field label="Colleague's e-mail" {...on("email")}>
        <Input
          type="email"
          value={email}
          onChange={(_, d) => {
            setEmail(d.value);
            if (error?.field === "email") setError(null);
          }}
        />
      </Field>
      <Field label="Role" {...on("role")}>
        <Select value={role} onChange={(_, d) => isRole(d.value) && setRole(d.value)}>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Their copy holds" {...on("syncSet")}>
        <Select value={syncSet} onChange={(_, d) => setSyncSet(d.value)}>
          <SyncSetOptions syncSets={syncSets} current={null} />
        </Select>
      </Field>
      {error && error.field !== "email" && error.field !== "role" && error.field !== "syncSet" && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      <Button
        className={styles.start}
        appearance="primary"
        type="submit"
        icon={<PersonAdd20Regular />}
        disabled={busy}
      >
        Share
      </Button>
    </form>
  );
}

function SyncSetsList(props: {
  syncSets: readonly SyncSetInfo[];
  summary: (set: SyncSetInfo) => string;
  companies: readonly RecordOption[];
  groups: readonly RecordOption[];
  engine: SyncEngine;
  onSave: (name: string, filter: SyncSetInfo["filter"]) => Promise<SharingResult>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { syncSets, summary, companies, groups, engine, onSave } = props;
  const [editing, setEditing] = useState<SyncSetInfo | "new" | null>(null);
  return (
    <>
      <Subtitle2 as="h4" id={headingId} className={styles.subheading}>
        Sync sets
      </Subtitle2>
      <Caption1 className={styles.detail}>
        A member with a sync set keeps only the contacts it chooses (and their subscriptions) in
        their copy; without one, everything.
      </Caption1>
      {syncSets.length > 0 && (
        <ul className={styles.list} aria-labelledby={headingId}>
          {syncSets.map((set) => (
            <li key={set.name} className={styles.card}>
              <Text weight="semibold" className={styles.text}>
                {set.name}
              </Text>
              <Caption1 className={styles.detail}>{summary(set)}</Caption1>
              <Button
                className={styles.start}
                size="small"
                aria-label={`Change sync set ${set.name}`}
                onClick={() => setEditing(set)}
              >
                Change
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button className={styles.start} icon={<Add20Regular />} onClick={() => setEditing("new")}>
        New sync set
      </Button>
      {editing && (
        <SyncSetEditor
          syncSet={editing === "new" ? null : editing}
          existingNames={syncSets.map((s) => s.name)}
          companies={companies}
          groups={groups}
          engine={engine}
          onSave={onSave}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
