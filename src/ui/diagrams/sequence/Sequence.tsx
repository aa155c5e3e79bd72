/**
 * The creation sequence: what followed the learner's last kubectl command — kubectl's request to
 * the apiserver, the apiserver's write to etcd, the watch events that wake the controllers, the
 * scheduler and the kubelet, their calls, the kubelet asking containerd for the sandbox and the
 * containers, the pod's status — one arrow each, top to bottom in simulated time.
 */
import { useEffect, useMemo } from 'react';
import { useStrings } from '../../i18n';
import { layoutSequence, TOP } from './lanes';
import { useCallSequence, watchCalls } from './sequence-store';
import { SEQUENCE_STRINGS } from './strings';
import './sequence.css';

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** `kubelet/worker01` on two lines (`kubelet/`, `worker01`) so neighbouring node lanes keep apart. */
const laneLines = (name: string): string[] => {
  const slash = name.indexOf('/');
  return slash < 0 ? [name] : [name.slice(0, slash + 1), name.slice(slash + 1)];
};

export default function Sequence() {
  const t = useStrings(SEQUENCE_STRINGS);
  const sequence = useCallSequence((s) => s.sequence);
  useEffect(watchCalls, []);
  const layout = useMemo(() => sequence && layoutSequence(sequence), [sequence]);
  if (!sequence || !layout) return <p className="muted">{t.empty}</p>;
  const last = sequence.steps[sequence.steps.length - 1]!;
  return (
    <div className="sequence">
      <p className="muted sequence-summary">
        {t.summary(sequence.steps.length + sequence.more, seconds(last.at - sequence.startedAt))}
        {sequence.more > 0 && ` · ${t.more(sequence.more)}`}
        {` · ${t.legend}`}
      </p>
      <svg key={sequence.id} viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label={t.figure}>
        {layout.lanes.map((lane) => (
          <g key={lane.name} className="sequence-lane">
            <text x={lane.x} y={12} textAnchor="middle" className="sequence-lane-name">
              {laneLines(lane.name).map((part, i) => (
                <tspan key={i} x={lane.x} dy={i === 0 ? 0 : 12}>
                  {part}
                </tspan>
              ))}
            </text>
            <line x1={lane.x} y1={TOP - 10} x2={lane.x} y2={layout.height} />
          </g>
        ))}
        {layout.arrows.map((arrow, i) => {
          const from = layout.lanes[arrow.from]!;
          const to = layout.lanes[arrow.to]!;
          const [x1, x2] = [from.x, to.x];
          const tip = x2 > x1 ? -1 : 1;
          return (
            <g key={i} className={`sequence-arrow ${arrow.kind}`} style={{ animationDelay: `${Math.min(i, 40) * 40}ms` }}>
              <title>{`${from.name} → ${to.name} · ${t.after(seconds(arrow.after))}`}</title>
              <line x1={x1} y1={arrow.y} x2={x2 + tip * 4} y2={arrow.y} />
              <path d={`M ${x2} ${arrow.y} l ${tip * 7} -4 l 0 8 z`} />
              <text x={(x1 + x2) / 2} y={arrow.y - 4} textAnchor="middle">
                {arrow.label}
              </text>
              <text x={4} y={arrow.y + 4} className="sequence-time">
                {t.after(seconds(arrow.after))}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

