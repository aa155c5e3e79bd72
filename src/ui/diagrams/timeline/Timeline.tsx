/**
 * The Pod timeline: one lane per container of the chosen pod (layout.ts), its states as coloured
 * spans, restarts as lines, the pod's events as marks; pointing at a mark reads its messages.
 */
import { useState } from 'react';
import { useStrings } from '../../i18n';
import { useCluster } from '../../store';
import { lastChanged, useHistory, type PodHistory } from '../history';
import { lanes, scaleOf, windowFor, type Lane, type MarkGroup, type Phase } from './layout';
import { TIMELINE_STRINGS } from './strings';
import './timeline.css';

const WIDTH = 640;
const LEFT = 120;
const RIGHT = WIDTH - 8;
const AXIS = 16;
const LANE = 26;
const GAP = 6;
/** Minutes of the zoom buttons; a younger pod is shown whole. */
const ZOOMS = [1, 5, 15, 60];
const PHASES: readonly Phase[] = ['starting', 'running', 'ready', 'backoff', 'error', 'terminated'];

type Strings = (typeof TIMELINE_STRINGS)['en'];

const seconds = (ms: number): number => Math.round(ms / 1000);
/** Long container names are cut to fit the label column (the whole name is the label's tooltip). */
const shortName = (name: string): string => (name.length > 19 ? `${name.slice(0, 18)}…` : name);

export default function Timeline() {
  const t = useStrings(TIMELINE_STRINGS);
  const pods = useHistory((h) => h.pods);
  const recordedAt = useHistory((h) => h.at);
  const clock = useCluster((s) => s.time?.simTimeMs ?? 0);
  const [picked, pick] = useState<string>();
  const [minutes, zoom] = useState(5);
  const [hovered, hover] = useState<MarkGroup>();
  // Unless picked, the pod that changed last — of the live ones, if any (a rollout's last change is a pod going away).
  const pod = (picked !== undefined ? pods.get(picked) : undefined) ?? lastChanged([...pods.values()].filter((p) => p.goneAt === undefined)) ?? lastChanged(pods.values());
  if (!pod) return <p className="muted">{t.none}</p>;
  const now = Math.max(recordedAt, clock);
  return (
    <div className="diagram-pane timeline">
      <header>
        <label>
          {t.pod}{' '}
          <select value={pod.uid} onChange={(e) => pick(e.target.value)}>
            {[...pods.values()].map((p) => (
              <option key={p.uid} value={p.uid}>
                {p.namespace}/{p.name}
                {p.goneAt !== undefined && t.gone}
              </option>
            ))}
          </select>
        </label>
        <span role="group" aria-label={t.zoom}>
          {t.zoom}{' '}
          {ZOOMS.map((m) => (
            <button key={m} type="button" aria-pressed={m === minutes} onClick={() => zoom(m)}>
              {t.minutes(m)}
            </button>
          ))}
        </span>
      </header>
      <Lanes pod={pod} now={now} minutes={minutes} onHover={hover} t={t} />
      <p className="timeline-hover" aria-live="polite">
        {hovered ? (
          hovered.marks.map((m, i) => (
            <span key={i} className={m.type === 'Warning' ? 'warning' : undefined}>
              <strong>{m.reason}</strong>
              {m.times > 1 && t.times(m.times)}: {m.message}{' '}
            </span>
          ))
        ) : (
          <span className="muted">{t.hint}</span>
        )}
      </p>
      <ul className="timeline-legend">
        {PHASES.map((p) => (
          <li key={p}>
            <span className={`swatch ${p}`} /> {t[p]}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Lanes({ pod, now, minutes, onHover, t }: { pod: PodHistory; now: number; minutes: number; onHover: (g?: MarkGroup) => void; t: Strings }) {
  const window = windowFor(pod, now, minutes);
  const scale = scaleOf(window, LEFT, RIGHT);
  const podLanes = lanes(pod, window);
  const height = AXIS + podLanes.length * (LANE + GAP);
  return (
    <svg className="lanes" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t.chart}>
      {scale.ticks.map((tick) => (
        <g key={tick.ago} className="tick">
          <line x1={scale.xOf(tick.at)} x2={scale.xOf(tick.at)} y1={AXIS - 4} y2={height} />
          <text x={scale.xOf(tick.at)} y={AXIS - 6} textAnchor={tick.ago === 0 ? 'end' : 'middle'}>
            {tick.ago === 0 ? t.now : t.ago(seconds(tick.ago))}
          </text>
        </g>
      ))}
      {podLanes.map((lane, i) => (
        <LaneRow key={lane.container} lane={lane} y={AXIS + i * (LANE + GAP)} xOf={scale.xOf} onHover={onHover} t={t} />
      ))}
    </svg>
  );
}

function LaneRow({ lane, y, xOf, onHover, t }: { lane: Lane; y: number; xOf: (at: number) => number; onHover: (g?: MarkGroup) => void; t: Strings }) {
  const mid = y + LANE / 2;
  return (
    <g className="lane" data-container={lane.container || undefined}>
      <text className="lane-name" x={LEFT - 6} y={mid} textAnchor="end" dominantBaseline="middle">
        {shortName(lane.container || t.podLane)}
        <title>{lane.container || t.podLane}</title>
      </text>
      {lane.spans.map((s) => {
        const x = xOf(s.from);
        const width = Math.max(0.5, xOf(s.to) - x);
        const label = s.phase === 'backoff' ? t.backoffFor(seconds(s.to - s.from)) : s.exitCode !== undefined ? t.exit(s.exitCode) : '';
        return (
          <g key={s.from} className={`span ${s.phase}`}>
            <rect x={x} y={y + 6} width={width} height={LANE - 6}>
              <title>{`${t[s.phase]}${s.reason ? ` (${s.reason})` : ''} · ${seconds(s.to - s.from)}s`}</title>
            </rect>
            {label && width > label.length * 5.5 && (
              <text x={x + 3} y={y + LANE / 2 + 3} dominantBaseline="middle">
                {label}
              </text>
            )}
          </g>
        );
      })}
      {lane.restarts.map((r) => (
        <g key={r.at} className="restart">
          <line x1={xOf(r.at)} x2={xOf(r.at)} y1={y} y2={y + LANE} />
          <text x={xOf(r.at) + 2} y={y + 4} dominantBaseline="middle">
            ↻{r.count}
          </text>
          <title>{`${t.restart(r.count)}${r.exit ? t.endedWith(r.exit.reason, r.exit.exitCode) : ''}`}</title>
        </g>
      ))}
      {lane.marks.map((g) => (
        <g
          key={g.at}
          className={`mark${g.warning ? ' warning' : ''}`}
          data-reasons={g.marks.map((m) => m.reason).join(' ')}
          tabIndex={0}
          onMouseEnter={() => onHover(g)}
          onFocus={() => onHover(g)}
          onMouseLeave={() => onHover(undefined)}
          onBlur={() => onHover(undefined)}
        >
          <path d={`M${xOf(g.at)},${y + 7} l-4,-6 h8 z`} />
          <title>{g.marks.map((m) => `${m.reason}${m.times > 1 ? t.times(m.times) : ''}: ${m.message}`).join('\n')}</title>
        </g>
      ))}
    </g>
  );
}
