/**
 * The creation sequence as a diagram: one lifeline per component (kubectl, the apiserver, etcd, the
 * controllers, the scheduler, each node's kubelet) and, in simulated-time order, an arrow per API
 * call to the apiserver followed by the apiserver's write to etcd when the call changed an object.
 */
import type { ApiCall, CallSequence } from '../../../worker/api-calls';

export const LANE_W = 118;
export const ROW_H = 20;
export const TOP = 30;
const MARGIN = 8;

export interface Arrow {
  readonly from: number;
  readonly to: number;
  readonly y: number;
  /** `POST pods 201` — what the call was and how the apiserver answered. */
  readonly label: string;
  /** Simulated ms since the command. */
  readonly after: number;
  readonly kind: 'call' | 'failed' | 'store';
}

export interface SequenceLayout {
  readonly lanes: readonly { readonly name: string; readonly x: number }[];
  readonly arrows: readonly Arrow[];
  readonly width: number;
  readonly height: number;
}

const FIXED = ['kubectl', 'apiserver', 'etcd'];

/** Where a lane sits: kubectl and the control plane first, then controllers, the scheduler, the kubelets. */
function rank(caller: string): number {
  if (caller === 'kubectl') return 0;
  if (caller.endsWith('-controller')) return 1;
  if (caller === 'scheduler') return 2;
  if (caller.startsWith('kubelet/')) return 4;
  return 3;
}

/** The lanes a sequence needs, in drawing order (callers of one rank in order of their first call). */
export function lanesOf(calls: readonly ApiCall[]): string[] {
  const callers: string[] = [];
  for (const call of calls) if (call.caller !== 'kubectl' && !callers.includes(call.caller)) callers.push(call.caller);
  const ordered = callers.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  return [...FIXED, ...ordered.map((o) => o.c)];
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

/** The diagram of a sequence: lanes across, arrows down in the order the calls came. */
export function layoutSequence(sequence: CallSequence): SequenceLayout {
  const names = lanesOf(sequence.calls);
  const lanes = names.map((name, i) => ({ name, x: MARGIN + LANE_W / 2 + i * LANE_W }));
  const lane = (name: string) => names.indexOf(name);
  const arrows: Arrow[] = [];
  let row = 0;
  for (const call of sequence.calls) {
    const after = call.at - sequence.startedAt;
    const ok = call.status < 300;
    arrows.push({ from: lane(call.caller), to: lane('apiserver'), y: TOP + row++ * ROW_H, label: callLabel(call), after, kind: ok ? 'call' : 'failed' });
    if (ok) arrows.push({ from: lane('apiserver'), to: lane('etcd'), y: TOP + row++ * ROW_H, label: `write ${etcdKey(call)}`, after, kind: 'store' });
  }
  return { lanes, arrows, width: MARGIN * 2 + names.length * LANE_W, height: TOP + row * ROW_H + 10 };
}
