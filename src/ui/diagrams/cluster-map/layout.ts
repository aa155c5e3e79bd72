/**
 * Where everything of the cluster map goes: a pure function from the views (views.ts) to boxes,
 * cards and lines in SVG pixels. The component only draws what this returns.
 *
 *   Deployments ─ ReplicaSets      ┌ node ────────┐ ┌ node ────────┐ ┌ waiting for a node ┐
 *   Services ──────────────────────│ [pod] [pod]  │ │ [pod]        │ │ [pod]              │
 *
 * Pods sit in their node's box (unscheduled ones in a lane of their own), oldest first, two to a
 * row. Stacked (a lesson's narrow panel), it is one column: the left column on top, the nodes one
 * under another below it, and the Service lines run down a margin on the left. Above GROUP_AT pods in one box, cards give way to one line per owner and colour, with a
 * count: a thousand cards teach nothing and cost frames.
 */
import type { DeploymentView, EndpointsView, NodeView, PodView, ReplicaSetView, ServiceView } from '../../../worker/views';
import { podTone, type PodTone } from './tone';

export const CARD_W = 128;
export const CARD_H = 44;
export const GAP = 6;
const COLS = 2;
export const NODE_W = COLS * CARD_W + (COLS + 1) * GAP;
export const NODE_HEAD = 40;
const NODE_GAP = 10;
const PAD = 8;
export const LEFT_W = 196;
/** Room between the left column and the nodes for the Service → pod lines. */
const GUTTER = 56;
/** Stacked, the margin left of everything that the Service → pod lines bend through. */
const MARGIN = 20;
export const HEADING_H = 18;
export const WORKLOAD_H = 20;
export const SERVICE_H = 34;
/** How far a Deployment's ReplicaSets sit right of it. */
export const INDENT = 14;
export const GROUP_H = 20;
/** Above this many pods in one box, they are drawn as counts per owner and colour. */
export const GROUP_AT = 200;

export interface MapInput {
  nodes: readonly NodeView[];
  pods: readonly PodView[];
  services: readonly ServiceView[];
  endpoints: readonly EndpointsView[];
  deployments: readonly DeploymentView[];
  replicaSets: readonly ReplicaSetView[];
  /** The namespace shown; '' for all of them. */
  namespace: string;
  /** One column, for a narrow place (see above). */
  stacked?: boolean;
}

/** A node's box, or (no node) the lane of pods waiting for one. */
export interface NodeBox {
  key: string;
  node?: NodeView;
  x: number;
  y: number;
  h: number;
  /** How many pods are drawn in it (cards or counted in groups). */
  podCount: number;
}

export interface PodCard {
  key: string;
  pod: PodView;
  tone: PodTone;
  x: number;
  y: number;
}

/** Pods of one owner and colour in a crowded box. */
export interface PodGroup {
  key: string;
  /** The owner's name, '' for pods nobody owns. */
  owner: string;
  tone: PodTone;
  count: number;
  x: number;
  y: number;
  /** The pods counted, for highlighting and links. */
  podKeys: string[];
}

export interface WorkloadRow {
  key: string;
  view: DeploymentView | ReplicaSetView;
  /** 0 for a Deployment (or a ReplicaSet nobody owns), 1 for a Deployment's ReplicaSet. */
  depth: 0 | 1;
  x: number;
  y: number;
  /** The pods it owns, directly or through its ReplicaSets. */
  podKeys: string[];
}

export interface ServiceBox {
  key: string;
  service: ServiceView;
  x: number;
  y: number;
}

interface Point {
  x: number;
  y: number;
}

/** A line from a Service to one of its endpoints: a pod's card, a group holding it, or a node (the apiserver). */
export interface Link {
  key: string;
  from: Point;
  to: Point;
  /** The curve's two control points. */
  via: [Point, Point];
  ready: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  boxes: NodeBox[];
  cards: PodCard[];
  groups: PodGroup[];
  workloads: WorkloadRow[];
  services: ServiceBox[];
  links: Link[];
  /** Where the two headings of the left column go (x, and y of their baseline box); NaN when the section is empty. */
  headings: { x: number; workloads: number; services: number };
}

const podKey = (pod: { namespace: string; name: string }): string => `${pod.namespace}/${pod.name}`;
const byName = <T extends { namespace: string; name: string }>(a: T, b: T): number => podKey(a).localeCompare(podKey(b));
/** Oldest first: a new pod takes the next free place instead of pushing every card after it along. */
const byAge = (a: PodView, b: PodView): number => a.createdAt - b.createdAt || byName(a, b);
const shown = (namespace: string) => (view: { namespace: string }) => namespace === '' || view.namespace === namespace;

export function layoutMap(input: MapInput): MapLayout {
  const inNamespace = shown(input.namespace);
  const pods = input.pods.filter(inNamespace).sort(byAge);
  const stacked = input.stacked ?? false;
  const left = layoutLeftColumn(input, pods, inNamespace, stacked ? PAD + MARGIN : PAD);

  // The pods of each node, and the waiting lane for those no node took yet.
  const podsOf = new Map<string, PodView[]>(input.nodes.map((n) => [n.name, []]));
  const waiting: PodView[] = [];
  for (const pod of pods) {
    if (pod.node) podsOf.get(pod.node)?.push(pod);
    else waiting.push(pod);
  }
  const columns: { key: string; node?: NodeView; pods: PodView[] }[] = [...input.nodes].sort((a, b) => a.name.localeCompare(b.name)).map((node) => ({ key: node.name, node, pods: podsOf.get(node.name)! }));
  if (waiting.length > 0) columns.push({ key: '', pods: waiting });

  const boxes: NodeBox[] = [];
  const cards: PodCard[] = [];
  const groups: PodGroup[] = [];
  /** Where each drawn pod's left edge is: a card's or its group's. */
  const anchors = new Map<string, { x: number; y: number; via: string }>();
  const nodesX = stacked ? left.x : PAD + LEFT_W + GUTTER;
  let stackY = left.bottom;
  columns.forEach((column, i) => {
    const [x, y] = stacked ? [nodesX, stackY] : [nodesX + i * (NODE_W + NODE_GAP), PAD];
    const top = y + NODE_HEAD;
    let inner: number;
    if (column.pods.length > GROUP_AT) {
      const grouped = groupPods(column.pods);
      grouped.forEach((group, row) => {
        const placed = { ...group, key: `${column.key}|${group.key}`, x: x + GAP, y: top + row * (GROUP_H + 4) };
        groups.push(placed);
        for (const key of group.podKeys) anchors.set(key, { x: placed.x, y: placed.y + GROUP_H / 2, via: placed.key });
      });
      inner = grouped.length * (GROUP_H + 4);
    } else {
      column.pods.forEach((pod, n) => {
        const card = { key: podKey(pod), pod, tone: podTone(pod), x: x + GAP + (n % COLS) * (CARD_W + GAP), y: top + Math.floor(n / COLS) * (CARD_H + GAP) };
        cards.push(card);
        anchors.set(card.key, { x: card.x, y: card.y + CARD_H / 2, via: card.key });
      });
      inner = Math.ceil(column.pods.length / COLS) * (CARD_H + GAP);
    }
    // Side by side, an empty box keeps a row for its first pod; stacked, it stays short (height is scarce there).
    const h = NODE_HEAD + (stacked ? inner : Math.max(inner, CARD_H + GAP)) + GAP;
    boxes.push({ key: column.key, node: column.node, x, y, h, podCount: column.pods.length });
    stackY = y + h + NODE_GAP;
  });

  const links = linkServices(left.services, input.endpoints, boxes, anchors, stacked);
  const right = stacked ? nodesX + Math.max(LEFT_W, NODE_W) : nodesX + columns.length * (NODE_W + NODE_GAP) - NODE_GAP;
  const height = Math.max(left.bottom, ...boxes.map((b) => b.y + b.h)) + PAD;
  return { width: right + PAD, height, boxes, cards, groups, workloads: left.workloads, services: left.services, links, headings: left.headings };
}

/** Deployments with their ReplicaSets under them, then the Services, from `x`. */
function layoutLeftColumn(input: MapInput, pods: readonly PodView[], inNamespace: (v: { namespace: string }) => boolean, x: number) {
  const podsOfRs = new Map<string, string[]>();
  for (const pod of pods) if (pod.owner?.kind === 'ReplicaSet') podsOfRs.set(pod.owner.uid, [...(podsOfRs.get(pod.owner.uid) ?? []), podKey(pod)]);
  const replicaSets = input.replicaSets.filter(inNamespace).sort(byName);
  const rows: Omit<WorkloadRow, 'x' | 'y'>[] = [];
  const owned = new Set<string>();
  for (const deployment of input.deployments.filter(inNamespace).sort(byName)) {
    const children = replicaSets.filter((rs) => rs.owner?.uid === deployment.uid);
    children.forEach((rs) => owned.add(rs.uid));
    rows.push({ key: `Deployment/${podKey(deployment)}`, view: deployment, depth: 0, podKeys: children.flatMap((rs) => podsOfRs.get(rs.uid) ?? []) });
    for (const rs of children) rows.push({ key: `ReplicaSet/${podKey(rs)}`, view: rs, depth: 1, podKeys: podsOfRs.get(rs.uid) ?? [] });
  }
  for (const rs of replicaSets.filter((r) => !owned.has(r.uid))) rows.push({ key: `ReplicaSet/${podKey(rs)}`, view: rs, depth: 0, podKeys: podsOfRs.get(rs.uid) ?? [] });

  let y = PAD;
  const headings = { x, workloads: NaN, services: NaN };
  const workloads: WorkloadRow[] = [];
  if (rows.length > 0) {
    headings.workloads = y;
    y += HEADING_H;
    for (const row of rows) {
      workloads.push({ ...row, x: x + row.depth * INDENT, y });
      y += WORKLOAD_H + 3;
    }
    y += GAP;
  }
  const services: ServiceBox[] = [];
  const shownServices = input.services.filter(inNamespace).sort(byName);
  if (shownServices.length > 0) {
    headings.services = y;
    y += HEADING_H;
    for (const service of shownServices) {
      services.push({ key: podKey(service), service, x, y });
      y += SERVICE_H + GAP;
    }
  }
  return { x, workloads, services, headings, bottom: y };
}

/**
 * One line per pod a Service sends to (or per group, when pods are counted); the apiserver's address
 * links to its node. Side by side, a line leaves the Service's right edge and bends over the gutter;
 * stacked, it leaves the left edge and bends through the margin, down to the pod.
 */
function linkServices(
  services: readonly ServiceBox[],
  endpoints: readonly EndpointsView[],
  boxes: readonly NodeBox[],
  anchors: ReadonlyMap<string, { x: number; y: number; via: string }>,
  stacked: boolean,
): Link[] {
  const endpointsByKey = new Map(endpoints.map((e) => [podKey(e), e]));
  const nodeByIP = new Map(boxes.filter((b) => b.node).map((b) => [b.node!.internalIP, b]));
  const links = new Map<string, Link>();
  for (const box of services) {
    const from = { x: stacked ? box.x : box.x + LEFT_W, y: box.y + SERVICE_H / 2 };
    for (const address of endpointsByKey.get(box.key)?.addresses ?? []) {
      const anchor = address.pod ? anchors.get(`${box.service.namespace}/${address.pod}`) : undefined;
      const node = anchor ? undefined : nodeByIP.get(address.ip);
      const to = anchor ?? (node && { x: node.x, y: node.y + NODE_HEAD / 2, via: node.key });
      if (!to) continue;
      const key = `${box.key}>${to.via}|${address.ready}`;
      const bend = Math.max(24, (to.x - from.x) / 2);
      const via: [Point, Point] = stacked
        ? [{ x: from.x - MARGIN, y: from.y }, { x: to.x - MARGIN, y: to.y }]
        : [{ x: from.x + bend, y: from.y }, { x: to.x - bend, y: to.y }];
      links.set(key, { key, from, to: { x: to.x, y: to.y }, via, ready: address.ready });
    }
  }
  return [...links.values()];
}

/** Counts per owner and colour, owners by name, colours in a fixed order. */
function groupPods(pods: readonly PodView[]): Omit<PodGroup, 'x' | 'y'>[] {
  const groups = new Map<string, Omit<PodGroup, 'x' | 'y'>>();
  for (const pod of pods) {
    const tone = podTone(pod);
    const owner = pod.owner?.name ?? '';
    const key = `${owner}|${tone}`;
    const group = groups.get(key) ?? { key, owner, tone, count: 0, podKeys: [] };
    group.count++;
    group.podKeys.push(podKey(pod));
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.owner.localeCompare(b.owner) || TONE_ORDER.indexOf(a.tone) - TONE_ORDER.indexOf(b.tone));
}

const TONE_ORDER: readonly PodTone[] = ['ready', 'not-ready', 'pending', 'failed', 'terminating', 'succeeded'];
