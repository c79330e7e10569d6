/**
 * The frame of a record form: its heading, the fields, a problem no field shows, and Save and
 * Cancel kept in reach at the bottom of the pane (forms are long at 320 pixels). Escape cancels.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { FocusEvent, FormEvent, ReactNode, RefObject } from "react";
import { useEffect, useId, useRef } from "react";
import { revealScreen } from "./reveal";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0`,
    minWidth: 0,
  },
  heading: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: "anywhere" },
  actions: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function RecordFormLayout(props: {
  readonly title: string;
  readonly formRef: RefObject<HTMLFormElement | null>;
  readonly onBlur: (event: FocusEvent<HTMLFormElement>) => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly saving: boolean;
  readonly formError: string | null;
  /** Shown above Save and Cancel: something to know before saving. */
  readonly notice?: ReactNode;
  readonly children: ReactNode;
}) {
  const { title, formRef, onBlur, onSubmit, onCancel, saving, formError, children } = props;
  const styles = useStyles();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => revealScreen(formRef.current, heading.current), [formRef]);
  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-labelledby={headingId}
      noValidate
      onBlur={onBlur}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
        {title}
      </h3>
      {children}
      {props.notice}
      {formError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{formError}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving}>
          Save
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
