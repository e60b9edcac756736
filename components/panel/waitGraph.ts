// Lays out a deadlock's wait-for graph on a circle: processes as nodes, waiter→blocker edges curved so that
// the two directions between a pair never overlap. Pure, so tests and the Explorer can reuse it.
import type { DeadlockReport, LockTarget, WaitEdge } from '@/lib/deadlock';

export interface GraphNode {
  pid: number;
  x: number;
  y: number;
  victim: boolean;
  inCycle: boolean;
}

export interface GraphEdge {
  edge: WaitEdge;
  /** SVG path from waiter to blocker (a quadratic curve). */
  path: string;
  labelX: number;
  labelY: number;
  label: string;
  inCycle: boolean;
}

export interface WaitGraph {
  width: number;
  height: number;
  nodeRadius: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** "tuple (0,8) of relation 16385" — the database oid is the same for every lock in one report, so it goes. */
export function targetLabel(target: LockTarget): string {
  return target.text.replace(/\s+of database \d+$/i, '');
}

export function edgeLabel(edge: WaitEdge): string {
  return `${edge.lockMode} · ${targetLabel(edge.target)}`;
}

/** "a→b" keys of every edge that lies on one of the report's cycles. */
export function cycleEdgeKeys(report: Pick<DeadlockReport, 'cycles'>): Set<string> {
  const keys = new Set<string>();
  for (const cycle of report.cycles) {
    cycle.forEach((pid, i) => keys.add(`${pid}→${cycle[(i + 1) % cycle.length]}`));
  }
  return keys;
}

export function layoutWaitGraph(report: DeadlockReport, width = 560): WaitGraph {
  const pids: number[] = [];
  const add = (pid: number | null) => {
    if (pid !== null && Number.isFinite(pid) && !pids.includes(pid)) pids.push(pid);
  };
  add(report.victimPid);
  for (const e of report.edges) {
    add(e.waiterPid);
    add(e.blockerPid);
  }
  const cycleKeys = cycleEdgeKeys(report);
  const cyclePids = new Set(report.cycles.flat());
  const nodeRadius = 26;
  // Two processes sit side by side; three or more go round a circle, starting at the top.
  const height = pids.length <= 2 ? 200 : 340;
  const cx = width / 2;
  const cy = height / 2;
  const r = pids.length <= 2 ? width / 2 - 90 : Math.min(width / 2 - 110, height / 2 - 50);
  const place = new Map<number, { x: number; y: number }>();
  pids.forEach((pid, i) => {
    const angle = pids.length <= 2 ? Math.PI * (1 - i) : -Math.PI / 2 + (2 * Math.PI * i) / pids.length;
    place.set(pid, { x: round(cx + r * Math.cos(angle)), y: round(cy + (pids.length <= 2 ? 0 : r * Math.sin(angle))) });
  });
  const nodes = pids.map((pid) => ({
    pid,
    ...place.get(pid)!,
    victim: pid === report.victimPid,
    inCycle: cyclePids.has(pid),
  }));
  const edges = report.edges.map((edge) =>
    curve(edge, place, nodeRadius, cycleKeys.has(`${edge.waiterPid}→${edge.blockerPid}`)),
  );
  return { width, height, nodeRadius, nodes, edges };
}

function curve(
  edge: WaitEdge,
  place: Map<number, { x: number; y: number }>,
  nodeRadius: number,
  inCycle: boolean,
): GraphEdge {
  const a = place.get(edge.waiterPid) ?? { x: 0, y: 0 };
  const b = place.get(edge.blockerPid) ?? { x: 0, y: 0 };
  const label = edgeLabel(edge);
  if (edge.waiterPid === edge.blockerPid) {
    // A process waiting on itself (a damaged report): a small loop above the node.
    const path = `M ${a.x - 10} ${a.y - nodeRadius} C ${a.x - 40} ${a.y - 80}, ${a.x + 40} ${a.y - 80}, ${a.x + 10} ${a.y - nodeRadius}`;
    return { edge, path, labelX: a.x, labelY: a.y - 72, label, inCycle };
  }
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  // Bend to the right of the direction of travel: a→b and b→a then bow to opposite sides.
  const bend = Math.min(60, length * 0.25);
  const [nx, ny] = [-uy, ux];
  const mx = (a.x + b.x) / 2 + nx * bend;
  const my = (a.y + b.y) / 2 + ny * bend;
  const start = towards(a, { x: mx, y: my }, nodeRadius);
  const end = towards(b, { x: mx, y: my }, nodeRadius + 6);
  const path = `M ${start.x} ${start.y} Q ${round(mx)} ${round(my)} ${end.x} ${end.y}`;
  // The curve's midpoint is halfway between the chord's midpoint and the control point.
  return {
    edge,
    path,
    labelX: round((a.x + b.x) / 2 + nx * bend * 0.5),
    labelY: round((a.y + b.y) / 2 + ny * bend * 0.5),
    label,
    inCycle,
  };
}

function towards(from: { x: number; y: number }, to: { x: number; y: number }, distance: number) {
  const d = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: round(from.x + ((to.x - from.x) / d) * distance), y: round(from.y + ((to.y - from.y) / d) * distance) };
}

const round = (n: number): number => Math.round(n * 10) / 10;
