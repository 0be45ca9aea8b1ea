/**
 * The timeline's positions: x from the decision's date on a linear day scale, one lane per
 * folder, tag or status (`timelineLanes` of the core), undated decisions in a last lane in id order. Within
 * a lane, boxes that would overlap go to the next free row of the lane (first fit).
 */
import type { DecisionGraph, DecisionNode, LaneBy } from '../../core/graph';
import { timelineLanes } from '../../core/graph';

/** Box size of a decision in the timeline, px. */
export const TIMELINE_NODE_WIDTH = 150;
export const TIMELINE_NODE_HEIGHT = 36;
const ROW = TIMELINE_NODE_HEIGHT + 8;
const LANE_HEADER = 20;
const LEFT = 8;

/** A laid-out timeline. */
export interface TimelineLayout {
  readonly boxes: Map<string, { x: number; y: number; width: number; height: number }>;
  readonly lanes: readonly { label: string; y: number; height: number }[];
  /** Year (or month) ticks. */
  readonly ticks: readonly { x: number; label: string }[];
  readonly width: number;
  readonly height: number;
}

function day(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/**
 * Places the decisions of a (filtered) graph on the timeline.
 * @param laneBy how lanes are formed; `undatedLabel` names the last lane.
 */
export function layoutTimeline(graph: DecisionGraph, laneBy: LaneBy, undatedLabel: string): TimelineLayout {
  const decisions = graph.nodes.filter((n): n is DecisionNode => n.type === 'decision');
  const dated = decisions.filter((n) => n.date !== undefined);
  const days = dated.map((n) => day(n.date as string));
  const first = days.length > 0 ? Math.min(...days) : 0;
  const last = days.length > 0 ? Math.max(...days) : 0;
  // About 1.5 px a day, at least one box width per distinct date, at most 12,000 px wide.
  const span = Math.max(1, last - first);
  const pxPerDay = Math.min(12_000 / span, Math.max(1.5, (TIMELINE_NODE_WIDTH * 0.6 * new Set(days).size) / span));
  const xOf = (d: string): number => LEFT + (day(d) - first) * pxPerDay;
  const byId = new Map(decisions.map((n) => [n.id, n]));
  const { lanes: graphLanes, undated: undatedIds } = timelineLanes(graph, laneBy);
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  const lanes: { label: string; y: number; height: number }[] = [];
  let y = 24;
  let width = LEFT + span * pxPerDay + TIMELINE_NODE_WIDTH + LEFT;
  for (const g of graphLanes) {
    const rowEnds: number[] = [];
    for (const id of g.nodes) {
      const n = byId.get(id) as DecisionNode;
      const x = xOf(n.date as string);
      let row = rowEnds.findIndex((end) => end <= x);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = x + TIMELINE_NODE_WIDTH + 6;
      boxes.set(n.id, { x, y: y + LANE_HEADER + row * ROW, width: TIMELINE_NODE_WIDTH, height: TIMELINE_NODE_HEIGHT });
    }
    const height = LANE_HEADER + Math.max(1, rowEnds.length) * ROW;
    lanes.push({ label: g.label, y, height });
    y += height + 4;
  }
  const undated = undatedIds.map((id) => byId.get(id) as DecisionNode);
  if (undated.length > 0) {
    const perRow = Math.max(1, Math.floor((Math.max(width, 1200) - LEFT) / (TIMELINE_NODE_WIDTH + 6)));
    width = Math.max(width, LEFT + Math.min(perRow, undated.length) * (TIMELINE_NODE_WIDTH + 6));
    undated.forEach((n, i) => {
      boxes.set(n.id, { x: LEFT + (i % perRow) * (TIMELINE_NODE_WIDTH + 6), y: y + LANE_HEADER + Math.floor(i / perRow) * ROW, width: TIMELINE_NODE_WIDTH, height: TIMELINE_NODE_HEIGHT });
    });
    const height = LANE_HEADER + Math.ceil(undated.length / perRow) * ROW;
    lanes.push({ label: undatedLabel, y, height });
    y += height + 4;
  }
  const ticks: { x: number; label: string }[] = [];
  if (days.length > 0) {
    const startYear = new Date(first * 86_400_000).getUTCFullYear();
    const endYear = new Date(last * 86_400_000).getUTCFullYear();
    const monthly = endYear - startYear < 2;
    for (let year = startYear; year <= endYear; year++) {
      for (let month = 0; month < 12; month += monthly ? 1 : 12) {
        const d = Date.UTC(year, month, 1) / 86_400_000;
        if (d < first - 31 || d > last) continue;
        ticks.push({ x: LEFT + Math.max(0, d - first) * pxPerDay, label: monthly ? `${year}-${String(month + 1).padStart(2, '0')}` : String(year) });
      }
    }
  }
  return { boxes, lanes, ticks, width, height: y };
}
