/**
 * The creation sequence as a diagram: one lifeline per component (kubectl, the apiserver, etcd, the
 * controllers, the scheduler, each node's kubelet beside its containerd) and, in simulated-time
 * order, an arrow per API call to the apiserver followed by the apiserver's write to etcd when the
 * call changed an object, a dashed arrow for the watch event that woke a component, and an arrow
 * per CRI request from a kubelet to its containerd.
 */
import type { ApiCall, CallSequence, RuntimeCall, Step, WatchNotice } from '../../../worker/api-calls';

export const LANE_W = 118;
export const ROW_H = 20;
export const TOP = 40;
const MARGIN = 8;

export interface Arrow {
  readonly from: number;
  readonly to: number;
  readonly y: number;
  /** `POST pods/web 201`, `watch ADDED pods/web`, `RunPodSandbox web`. */
  readonly label: string;
  /** Simulated ms since the command. */
  readonly after: number;
  readonly kind: 'call' | 'failed' | 'store' | 'watch' | 'cri';
}

export interface SequenceLayout {
  readonly lanes: readonly { readonly name: string; readonly x: number }[];
  readonly arrows: readonly Arrow[];
  readonly width: number;
  readonly height: number;
}

const FIXED = ['kubectl', 'apiserver', 'etcd'];

/** Where a lane sits: kubectl and the control plane first, then controllers, the scheduler, the nodes. */
function rank(caller: string): number {
  if (caller === 'kubectl') return 0;
  if (caller.endsWith('-controller')) return 1;
  if (caller === 'scheduler') return 2;
  if (caller.startsWith('kubelet/')) return 4;
  return 3;
}

/** The component that acts in a step (the woken one, for a watch event). */
const actor = (step: Step): string => (step.kind === 'watch' ? step.to : step.caller);

/** A kubelet's containerd lane. */
const containerdOf = (node: string): string => `containerd/${node}`;

/**
 * The lanes a sequence needs, in drawing order (callers of one rank in order of their first step);
 * each node's containerd right after its kubelet.
 */
export function lanesOf(steps: readonly Step[]): string[] {
  const callers: string[] = [];
  const runtimes = new Set<string>();
  for (const step of steps) {
    const caller = actor(step);
    if (caller !== 'kubectl' && !callers.includes(caller)) callers.push(caller);
    if (step.kind === 'cri') runtimes.add(step.node);
  }
  const ordered = callers.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  return [...FIXED, ...ordered.flatMap(({ c }) => {
    const node = c.startsWith('kubelet/') ? c.slice('kubelet/'.length) : undefined;
    return node !== undefined && runtimes.has(node) ? [c, containerdOf(node)] : [c];
  })];
}

/** The key etcd stores an object under, as the apiserver names it (Services and Endpoints have their own folder). */
export function etcdKey(call: ApiCall): string {
  const folder = call.resource === 'services' ? 'services/specs' : call.resource === 'endpoints' ? 'services/endpoints' : call.resource;
  return ['/registry', folder, call.namespace, call.name].filter(Boolean).join('/');
}

/** A call as the arrow's text: `POST pods/web-1/binding 201`. */
export function callLabel(call: ApiCall): string {
  const target = [call.resource, call.name, call.subresource].filter(Boolean).join('/');
  return `${call.method} ${target} ${call.status}`;
}

/** A watch event as the arrow's text: `watch ADDED pods/web`. */
export function watchLabel(notice: WatchNotice): string {
  return `watch ${notice.type} ${notice.resource}/${notice.name}`;
}

/**
 * A CRI request as the arrow's text: the method as crictl and containerd's log name it, with the
 * pod (sandbox requests), the container, or the image — with the `:latest` the kubelet adds to an
 * image named without a tag or digest before it asks containerd.
 */
export function runtimeLabel(call: RuntimeCall): string {
  if (call.method === 'PullImage') return `PullImage ${/@|:[^/]*$/.test(call.image ?? '') ? call.image : `${call.image}:latest`}`;
  return `${call.method} ${call.container ?? call.pod ?? ''}`.trimEnd();
}

/** The diagram of a sequence: lanes across, arrows down in the order things happened. */
export function layoutSequence(sequence: CallSequence): SequenceLayout {
  const names = lanesOf(sequence.steps);
  const lanes = names.map((name, i) => ({ name, x: MARGIN + LANE_W / 2 + i * LANE_W }));
  const lane = (name: string) => names.indexOf(name);
  const arrows: Arrow[] = [];
  let row = 0;
  const arrow = (from: string, to: string, label: string, after: number, kind: Arrow['kind']) =>
    arrows.push({ from: lane(from), to: lane(to), y: TOP + row++ * ROW_H, label, after, kind });
  for (const step of sequence.steps) {
    const after = step.at - sequence.startedAt;
    if (step.kind === 'watch') arrow('apiserver', step.to, watchLabel(step), after, 'watch');
    else if (step.kind === 'cri') arrow(step.caller, containerdOf(step.node), runtimeLabel(step), after, 'cri');
    else {
      const ok = step.status < 300;
      arrow(step.caller, 'apiserver', callLabel(step), after, ok ? 'call' : 'failed');
      if (ok) arrow('apiserver', 'etcd', `write ${etcdKey(step)}`, after, 'store');
    }
  }
  return { lanes, arrows, width: MARGIN * 2 + names.length * LANE_W, height: TOP + row * ROW_H + 10 };
}
