/** Roles in words, and what each may do (docs/sync-protocol.md, "Endpoints"). */
import type { Role } from "../../shared/protocol";

export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string }> = [
  { value: "owner", label: "Owner" },
  { value: "editor", label: "Editor" },
  { value: "reader", label: "Reader" },
];

export function roleName(role: Role): string {
  return ROLE_OPTIONS.find((o) => o.value === role)?.label ?? role;
}

/** What a member of this role may do, as one sentence. */
export function roleAbilities(role: Role): string {
  switch (role) {
    case "owner":
      return "You can change its contacts, share it, and decide what each member's copy holds.";
    case "editor":
      return "You can change its contacts. Only owners share it and see its members.";
    case "reader":
      return "You can look at its contacts but not change them. Only owners share it and see its members.";
  }
}

export function isRole(value: string): value is Role {
  return ROLE_OPTIONS.some((o) => o.value === value);
}
