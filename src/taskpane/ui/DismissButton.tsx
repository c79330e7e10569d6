/** The close button of a message bar that the user may dismiss (its `containerAction`). */
import { Button } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons/svg/dismiss";

export function DismissButton({
  onClick,
  label = "Dismiss",
}: {
  onClick: () => void;
  label?: string;
}) {
  return (
    <Button
      appearance="transparent"
      aria-label={label}
      icon={<Dismiss20Regular />}
      onClick={onClick}
    />
  );
}
