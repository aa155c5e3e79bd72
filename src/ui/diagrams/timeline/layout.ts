/**
 * A pod's life as lanes: per container, the spans between recorded state changes (starting,
 * running, ready, back-off, terminated), the restarts (where restartCount rose, with how the
 * previous run ended), and the events about it as marks; one lane above for events about the pod as
 * a whole. Then the shapes for a time window: everything in simulated ms, x from the window.
 */
import type { ContainerSample, EventMark, PodHistory } from '../history';

/** What a span of a container's life is drawn as. */
export type Phase = 'starting' | 'running' | 'ready' | 'backoff' | 'error' | 'terminated';

export interface Span {
  from: number;
  to: number;
  phase: Phase;
  /** The waiting or terminated reason (`ContainerCreating`, `CrashLoopBackOff`, `Error`). */
  reason: string;
  exitCode?: number;
}

export interface Restart {
  at: number;
  /** The restart count it rose to. */
  count: number;
  /** How the run before it ended, when the kubelet reported it. */
  exit?: { reason: string; exitCode: number };
}

/** Events that arrived together: one glyph on the lane, every message on hover. */
export interface MarkGroup {
  at: number;
  marks: EventMark[];
  warning: boolean;
}

export interface Lane {
  /** `''` for the pod's own lane (events about the whole pod). */
  container: string;
  spans: Span[];
  restarts: Restart[];
  marks: MarkGroup[];
}

export interface Window {
  from: number;
  to: number;
}

/** Waiting reasons that mean the kubelet is holding back before it tries again. */
const BACK_OFF = new Set(['CrashLoopBackOff', 'ImagePullBackOff']);
/** Waiting reasons on the way to a start: anything else while waiting is a failure (`PostStartHookError`, `ErrImagePull`). */
const STARTING = new Set(['', 'ContainerCreating', 'PodInitializing']);

export function phaseOf(s: ContainerSample): Phase {
  if (s.state === 'running') return s.ready ? 'ready' : 'running';
  if (s.state === 'terminated') return 'terminated';
  if (BACK_OFF.has(s.reason)) return 'backoff';
  return STARTING.has(s.reason) ? 'starting' : 'error';
}

function spansOf(samples: readonly ContainerSample[], end: number): Span[] {
  return samples.map((s, i) => ({
    from: s.at,
    to: samples[i + 1]?.at ?? end,
    phase: phaseOf(s),
    reason: s.reason,
    ...(s.exitCode !== undefined && { exitCode: s.exitCode }),
  }));
}

function restartsOf(samples: readonly ContainerSample[]): Restart[] {
  return samples.flatMap((s, i) => {
    const before = samples[i - 1];
    if (!before || s.restartCount <= before.restartCount) return [];
    return [{ at: s.at, count: s.restartCount, ...(s.lastExit && { exit: s.lastExit }) }];
  });
}

function groupMarks(marks: readonly EventMark[]): MarkGroup[] {
  const groups: MarkGroup[] = [];
  for (const mark of marks) {
    const last = groups.at(-1);
    if (last?.at === mark.at) {
      last.marks.push(mark);
      last.warning ||= mark.type === 'Warning';
    } else groups.push({ at: mark.at, marks: [mark], warning: mark.type === 'Warning' });
  }
  return groups;
}

const overlaps = (from: number, to: number, w: Window): boolean => to >= w.from && from <= w.to;

/**
 * The pod's lanes within `window` (`now` ends the last span of a pod that still exists): the pod's
 * own lane first, then one per container in spec order. Spans are clipped to the window.
 */
export function lanes(pod: PodHistory, window: Window): Lane[] {
  const end = Math.min(pod.goneAt ?? window.to, window.to);
  const inWindow = (m: { at: number }) => overlaps(m.at, m.at, window);
  const podLane: Lane = { container: '', spans: [], restarts: [], marks: groupMarks(pod.marks.filter((m) => !pod.containers.includes(m.container) && inWindow(m))) };
  return [
    podLane,
    ...pod.containers.map((container) => {
      const samples = pod.states[container] ?? [];
      return {
        container,
        spans: spansOf(samples, end)
          .filter((s) => overlaps(s.from, s.to, window))
          .map((s) => ({ ...s, from: Math.max(s.from, window.from), to: Math.min(s.to, window.to) })),
        restarts: restartsOf(samples).filter(inWindow),
        marks: groupMarks(pod.marks.filter((m) => m.container === container && inWindow(m))),
      };
    }),
  ];
}

/** The shortest window drawn, so a pod a few seconds old is not stretched across the width. */
const MIN_WINDOW_MS = 60_000;

/** The last `minutes` up to `now`, or less when the pod is younger: its life fills the width (at least a minute). */
export function windowFor(pod: PodHistory, now: number, minutes: number): Window {
  const born = Math.min(...Object.values(pod.states).map((samples) => samples[0]?.at ?? now), ...pod.marks.map((m) => m.at), now);
  const from = Math.max(now - minutes * 60_000, Math.min(born, now - MIN_WINDOW_MS));
  return { from, to: now };
}

export interface Scale {
  xOf(at: number): number;
  /** Tick times, newest last, and how far back each is from the window's end (for `−30s` labels). */
  ticks: { at: number; ago: number }[];
}

/** Tick spacing: the first of these that gives at most six ticks. */
const TICK_STEPS_MS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/** Times to x between `left` and `right`; ticks counted back from the window's end. */
export function scaleOf(window: Window, left: number, right: number): Scale {
  const span = Math.max(1, window.to - window.from);
  const step = TICK_STEPS_MS.find((s) => span / s <= 6) ?? TICK_STEPS_MS.at(-1)!;
  const ticks: Scale['ticks'] = [];
  for (let ago = 0; ago <= span; ago += step) ticks.unshift({ at: window.to - ago, ago });
  return { xOf: (at) => left + ((at - window.from) / span) * (right - left), ticks };
}
