/**
 * The map's words in English. The extension host sends the same keys translated with
 * `vscode.l10n.t` (`src/features/map/panel.ts`); the static site uses these.
 */
export const DEFAULT_STRINGS = {
  graph: 'Graph',
  timeline: 'Timeline',
  search: 'Search decisions',
  allStatuses: 'All statuses',
  allTags: 'All tags',
  allFolders: 'All folders',
  lanesBy: 'Lanes by',
  clustersBy: 'Clusters by',
  noClusters: 'None',
  clusterFolder: 'Folder {0}, {1} decisions',
  clusterLog: 'Decision log {0}, {1} decisions',
  clusterTag: 'Tag {0}, {1} decisions',
  byFolder: 'Folder',
  byTag: 'Tag',
  byStatus: 'Status',
  code: 'Code',
  codeTitle: 'Show the code folders that cite each decision',
  hops: 'Hops',
  clearFocus: 'Clear Focus',
  focus: 'Focus',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  fit: 'Fit',
  exportSvg: 'Export SVG',
  exportMermaid: 'Export Mermaid',
  undated: 'Undated',
  missing: 'missing',
  map: 'Decision map',
  shown: '{0} of {1} decisions',
  empty: 'No decisions match.',
  decisionMakers: 'Decision makers',
  date: 'Date',
  status: 'Status',
  help: 'Arrow keys move between decisions, Enter opens one, F focuses its neighbourhood, Escape clears the focus, + and - zoom.',
} as const;

export type MapStringKey = keyof typeof DEFAULT_STRINGS;

/** Fills `{0}`, `{1}` in a string. */
export function format(text: string, ...args: (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}
