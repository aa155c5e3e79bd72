/**
 * Where the traffic diagram draws one flow: the client on the left, the netfilter rules of the
 * client's node in the middle, the Service's endpoints on the right (the chosen one marked, each
 * with how many recent flows it took), and the path the packet dot travels.
 */
import type { Flow } from './flows';

export const VIEW_WIDTH = 640;
export const VIEW_HEIGHT = 172;
/** Endpoints drawn one under another; more are summed up as "+n". */
export const MAX_SERVERS = 4;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface ServerSlot {
  readonly name: string;
  readonly ip: string;
  readonly hits: number;
  readonly chosen: boolean;
  readonly box: Box;
}

export interface FlowLayout {
  readonly client: Box;
  readonly rules: Box;
  readonly servers: readonly ServerSlot[];
  /** Endpoints not drawn. */
  readonly more: number;
  /** The dot's path, an SVG `d`. */
  readonly path: string;
  /** Where the dot stops: at the chosen pod, at the rules (REJECT), or in the void (no answer). */
  readonly end: 'server' | 'rules' | 'void';
  readonly endPoint: { readonly x: number; readonly y: number };
}

export interface Candidate {
  readonly name: string;
  readonly ip: string;
}

const COLUMN_W = 220;
const BOX_H = 34;
const GAP = 8;
const CLIENT: Box = { x: 8, y: (VIEW_HEIGHT - BOX_H * 1.5) / 2, w: 130, h: BOX_H * 1.5 };
const RULES: Box = { x: 165, y: 20, w: 200, h: VIEW_HEIGHT - 40 };
const SERVER_X = VIEW_WIDTH - COLUMN_W - 8;

const right = (b: Box) => ({ x: b.x + b.w, y: b.y + b.h / 2 });
const left = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });

/** A gentle S-curve between two points. */
function curve(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const mid = (a.x + b.x) / 2;
  return `C ${mid} ${a.y} ${mid} ${b.y} ${b.x} ${b.y}`;
}

/**
 * The layout of `flow`: `candidates` are the endpoints its Service has now (the projection's
 * Endpoints), `hits` how many recent flows each took (flows.ts hitsByEndpoint).
 */
export function layoutFlow(flow: Flow, candidates: readonly Candidate[], hits: ReadonlyMap<string, number>): FlowLayout {
  // The chosen pod is drawn even when it has left the Endpoints since; it comes first if it would not fit.
  const all = flow.server && !candidates.some((c) => c.name === flow.server!.name) ? [flow.server, ...candidates] : [...candidates];
  if (all.length === 0 && flow.server) all.push(flow.server);
  let shown = all.slice(0, MAX_SERVERS);
  const chosenIndex = all.findIndex((c) => c.name === flow.server?.name);
  if (chosenIndex >= MAX_SERVERS) shown = [...shown.slice(0, MAX_SERVERS - 1), all[chosenIndex]!];
  const top = (VIEW_HEIGHT - (shown.length * BOX_H + Math.max(0, shown.length - 1) * GAP)) / 2;
  const servers = shown.map((c, i) => ({
    name: c.name,
    ip: c.ip,
    hits: hits.get(c.name) ?? 0,
    chosen: c.name === flow.server?.name,
    box: { x: SERVER_X, y: top + i * (BOX_H + GAP), w: COLUMN_W, h: BOX_H },
  }));
  const start = right(CLIENT);
  const into = left(RULES);
  const out = right(RULES);
  const chosen = servers.find((s) => s.chosen);
  const rejected = !flow.ok && flow.reason === 'no-endpoints';
  const end: FlowLayout['end'] = chosen ? 'server' : rejected ? 'rules' : 'void';
  const endPoint = chosen ? left(chosen.box) : rejected ? out : { x: (out.x + SERVER_X) / 2, y: out.y };
  const path = [`M ${start.x} ${start.y}`, curve(start, into), `L ${out.x} ${out.y}`, ...(end === 'rules' ? [] : [curve(out, endPoint)])].join(' ');
  return { client: CLIENT, rules: RULES, servers, more: all.length - shown.length, path, end, endPoint };
}
