/**
 * The Rollout diagram: a Deployment's ReplicaSets step by step (layout.ts draws the columns), the
 * bounds the RollingUpdate keeps, each ReplicaSet's counts now, and where the rollout stands.
 */
import { useState } from 'react';
import { useStrings } from '../../i18n';
import { useCluster } from '../../store';
import { lastChanged, useHistory, type DeploymentHistory, type ReplicaSetHistory } from '../history';
import { boundsOf, chart, keptReplicaSets, progressOf, rolloutColumns, type Bounds, type Progress } from './layout';
import { ROLLOUT_STRINGS } from './strings';
import './rollout.css';

const FRAME = { width: 640, height: 176, top: 6, left: 26, bottom: 18 };
const MAX_COLUMNS = 24;

type Strings = (typeof ROLLOUT_STRINGS)['en'];

export default function Rollout() {
  const t = useStrings(ROLLOUT_STRINGS);
  const deployments = useHistory((h) => h.deployments);
  const replicaSets = useHistory((h) => h.replicaSets);
  const [picked, pick] = useState<string>();
  const deployment = (picked !== undefined ? deployments.get(picked) : undefined) ?? lastChanged(deployments.values());
  if (!deployment) return <p className="muted">{t.none}</p>;
  const kept = keptReplicaSets(deployment.uid, replicaSets.values());
  return (
    <div className="diagram-pane rollout">
      <header>
        <label>
          {t.deployment}{' '}
          <select value={deployment.uid} onChange={(e) => pick(e.target.value)}>
            {[...deployments.values()].map((d) => (
              <option key={d.uid} value={d.uid}>
                {d.namespace}/{d.name}
              </option>
            ))}
          </select>
        </label>
        <RolloutProgress deployment={deployment} />
      </header>
      <Staircase deployment={deployment} kept={kept} t={t} />
      <BoundsLegend deployment={deployment} t={t} />
      <ul className="rollout-sets">
        {kept.map((rs, i) => {
          const now = rs.samples.at(-1);
          return (
            <li key={rs.uid} data-revision={rs.revision}>
              <span className={`swatch ${tone(i, kept.length)}`} />
              <strong>
                {t.revision(rs.revision)}
                {rs.earlierRevisions.length > 0 && t.was(rs.earlierRevisions.join(', '))}
              </strong>{' '}
              <code>{rs.images.join(', ')}</code> <span className="rs-name muted">{rs.name}</span>{' '}
              <span className="rs-counts">{now && t.counts(now.desired, now.current, now.ready, now.available)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The newest revision in the accent colour, older ones in their own tones. */
const tone = (index: number, count: number): string => (index === count - 1 ? 'rs-new' : `rs-old${(count - 2 - index) % 2}`);

function progressText(t: Strings, p: Progress): string {
  if (p.state === 'updating') return t.updating(p.updated, p.replicas);
  if (p.state === 'terminating') return t.terminating(p.old);
  if (p.state === 'waiting') return t.waiting(p.available, p.updated);
  return t.complete(p.replicas);
}

function RolloutProgress({ deployment }: { deployment: DeploymentHistory }) {
  const t = useStrings(ROLLOUT_STRINGS);
  const view = useCluster((s) => s.objects.Deployment.get(`${deployment.namespace}/${deployment.name}`));
  if (!view) return null;
  const progress = progressOf(view);
  return (
    <span className={`rollout-progress ${progress.state}`} role="status">
      {progressText(t, progress)}
    </span>
  );
}

function Staircase({ deployment, kept, t }: { deployment: DeploymentHistory; kept: ReplicaSetHistory[]; t: Strings }) {
  const columns = rolloutColumns(deployment, kept, MAX_COLUMNS);
  const c = chart(columns, FRAME);
  const tones = new Map(kept.map((rs, i) => [rs.uid, tone(i, kept.length)]));
  const ticks = Array.from({ length: c.top + 1 }, (_, n) => n).filter((n) => c.top <= 8 || n % Math.ceil(c.top / 8) === 0);
  const first = columns[0]?.at ?? 0;
  const every = Math.ceil(columns.length / 12);
  return (
    <svg className="staircase" viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-label={t.chart}>
      {ticks.map((n) => (
        <g key={n} className="tick">
          <line x1={FRAME.left} x2={FRAME.width} y1={c.yOf(n)} y2={c.yOf(n)} />
          <text x={FRAME.left - 6} y={c.yOf(n)} textAnchor="end" dominantBaseline="middle">
            {n}
          </text>
        </g>
      ))}
      {c.columns.map((column, i) => (
        <g key={column.at} className="step">
          {column.blocks.map((b) => (
            <rect key={`${b.uid}-${b.available}`} className={`${tones.get(b.uid)} ${b.available ? 'available' : 'unavailable'}`} x={b.x} y={b.y} width={b.width} height={b.height}>
              <title>{`${t.revision(b.revision)}: ${b.count}`}</title>
            </rect>
          ))}
          {i % every === 0 && (
            <text className="time" x={column.x + column.width / 2} y={FRAME.height - 4} textAnchor="middle">
              {t.seconds(Math.round((column.at - first) / 1000))}
            </text>
          )}
        </g>
      ))}
      <path className="bound max-pods" d={c.maxPods} />
      <path className="bound min-available" d={c.minAvailable} />
    </svg>
  );
}

/** The bounds in force now, in words: how each was resolved from what the spec says. */
function BoundsLegend({ deployment, t }: { deployment: DeploymentHistory; t: Strings }) {
  const spec = deployment.specs.at(-1);
  if (!spec) return null;
  const bounds: Bounds | undefined = boundsOf(spec);
  if (!bounds) return <p className="rollout-bounds muted">{t.recreate}</p>;
  const percent = (written: string) => written.endsWith('%');
  return (
    <p className="rollout-bounds">
      <span className="bound-key max-pods">
        {t.maxPods(bounds.maxPods, bounds.replicas, bounds.surge)}
        {percent(spec.maxSurge) && t.roundedUp(spec.maxSurge, spec.replicas)}
      </span>
      <span className="bound-key min-available">
        {t.minAvailable(bounds.minAvailable, bounds.replicas, bounds.unavailable)}
        {percent(spec.maxUnavailable) && t.roundedDown(spec.maxUnavailable, spec.replicas)}
      </span>
      <span className="muted">{t.shading}</span>
    </p>
  );
}
