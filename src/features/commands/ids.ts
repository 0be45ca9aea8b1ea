/**
 * Every command id the extension contributes, in one place. `package.json` `contributes.commands`
 * lists the same ids; an integration test checks that each contributed command is registered.
 */

/** Opens a decision record at its title: args `(key: string, path?: string)`. */
export const OPEN_DECISION = 'decisionLens.openDecision';
/** Shows the citations of a decision in the references view: args `(key: string, path?: string)`. */
export const SHOW_CITATIONS = 'decisionLens.showCitations';
/** Quick pick of all decisions; opens the one picked. */
export const GO_TO_DECISION = 'decisionLens.goToDecision';
/** Rebuilds the index of the whole workspace. */
export const REFRESH = 'decisionLens.refresh';
/** Asks for a filter text for the Decisions view. */
export const FILTER_DECISIONS = 'decisionLens.filterDecisions';
/** Clears the Decisions view's filter. */
export const CLEAR_FILTER = 'decisionLens.clearFilter';
/** Chooses how the Decisions view groups decisions (status, folder, tag, year). */
export const GROUP_BY = 'decisionLens.groupBy';
/** Opens the settings at `decisionLens.folders`. */
export const CONFIGURE_FOLDERS = 'decisionLens.configureFolders';
/** Reveals the record of the active editor in the Decisions view. */
export const REVEAL_ACTIVE = 'decisionLens.revealActiveDecision';

/** Opens the New Decision form (registered by the New Decision feature). */
export const NEW_DECISION = 'decisionLens.newDecision';
/** Changes the status of a decision record: args `(decision?: tree item | id | key, status?: string)`. */
export const CHANGE_STATUS = 'decisionLens.changeStatus';
/** Marks a decision superseded by a new or an existing one: args `(decision?, by?: tree item | id | key | 'new')`. */
export const SUPERSEDE = 'decisionLens.supersede';
/**
 * Moves a decision to a new number and rewrites every citation of it: args `(decision?: tree item |
 * id | key, newNumber?: number | string, options?: { preview?: boolean })`; the refactor preview
 * shows the edit unless `preview` is false.
 */
export const RENUMBER_DECISION = 'decisionLens.renumberDecision';
/** Inserts a citation comment of a decision at the cursor: args `(decision?: id | key)`. */
export const CITE_HERE = 'decisionLens.citeHere';
/**
 * Internal (not in the palette): creates a record from New Decision form values, as the form's
 * submit does: args `(values: FormValues)`; returns `{ uri, display, relativePath, note? }`.
 */
export const CREATE_DECISION = 'decisionLens.createDecision';
/** Internal: the form's live preview for values: args `(values: FormValues)`; returns a `Preview`. */
export const PREVIEW_DECISION = 'decisionLens.previewDecision';
/** Internal: the folders and logs the form offers, each with its detected format; returns `TargetOption[]`. */
export const NEW_DECISION_TARGETS = 'decisionLens.newDecisionTargets';
/**
 * Opens the design review panel: args `(decision?: tree item | id | key | list of them, selected?: tree items)`;
 * without arguments the proposed decisions.
 */
export const START_REVIEW = 'decisionLens.startReview';
/** Opens the design review panel on the decisions in files added or changed on the current branch (git). */
export const START_BRANCH_REVIEW = 'decisionLens.startBranchReview';
/** Opens the Decision Map (registered by the map feature). */
export const OPEN_MAP = 'decisionLens.openMap';
/** Opens the Decision Map focused on a decision's neighbourhood: args `(decision?: tree item | id | key)`. */
export const SHOW_IN_MAP = 'decisionLens.showInMap';
