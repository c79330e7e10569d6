/**
 * The bulk actions' code, one chunk that the contact list loads with its first selection: the
 * selection's changes (the list opens without them) and the bar of actions with its dialogs.
 */
export { select } from "../../ui/selection";
export { BulkBar } from "./BulkBar";
