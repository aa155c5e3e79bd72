/**
 * The cluster map: the machines and their pods, the Services and the lines to the pods they send
 * to, and the Deployment → ReplicaSet → Pod ownership (point at a Deployment or a ReplicaSet to
 * light its pods). Drawn from the store's views through layout.ts; pods glide when they move, fade
 * in when created and out when deleted (CSS, off under prefers-reduced-motion). Every object is a
 * focusable button: Enter or a click opens it in the page's one object view. Inside a lesson the
 * map follows the tab's namespace without its own selector, and is named apart from the tab's.
 */
import { memo, useContext, useMemo, useState, type KeyboardEvent } from 'react';
import { useStrings } from '../../i18n';
import { useCluster } from '../../store';
import type { PodView } from '../../../worker/views';
import { openObject } from '../../object-view/selection';
import { InLesson } from '../in-lesson';
import { CARD_H, CARD_W, GROUP_H, HEADING_H, INDENT, LEFT_W, layoutMap, NODE_HEAD, NODE_W, SERVICE_H, WORKLOAD_H, type Link, type NodeBox, type PodCard, type PodGroup, type ServiceBox, type WorkloadRow } from './layout';
import { MAP_STRINGS, toneKey } from './strings';
import type { PodTone } from './tone';
import { useLeaving } from './use-leaving';
import { chooseMapNamespace, useMapNamespace } from './namespace';
import './cluster-map.css';

type Strings = (typeof MAP_STRINGS)['en'];

const TONES: readonly PodTone[] = ['pending', 'ready', 'not-ready', 'failed', 'terminating', 'succeeded'];

export function ClusterMap() {
  const t = useStrings(MAP_STRINGS);
  const nodes = useCluster((s) => s.objects.Node);
  const pods = useCluster((s) => s.objects.Pod);
  const services = useCluster((s) => s.objects.Service);
  const endpoints = useCluster((s) => s.objects.Endpoints);
  const deployments = useCluster((s) => s.objects.Deployment);
  const replicaSets = useCluster((s) => s.objects.ReplicaSet);
  const namespace = useMapNamespace((s) => s.namespace);
  const inLesson = useContext(InLesson);
  /** The pods of the Deployment or ReplicaSet pointed at; the others dim. */
  const [lit, setLit] = useState<ReadonlySet<string>>();

  const layout = useMemo(
    () =>
      layoutMap({
        nodes: [...nodes.values()],
        pods: [...pods.values()],
        services: [...services.values()],
        endpoints: [...endpoints.values()],
        deployments: [...deployments.values()],
        replicaSets: [...replicaSets.values()],
        namespace,
        stacked: inLesson,
      }),
    [nodes, pods, services, endpoints, deployments, replicaSets, namespace, inLesson],
  );
  const leaving = useLeaving(layout.cards, namespace);
  const namespaces = useMemo(() => [...new Set(['default', 'kube-system', ...[...pods.values()].map((p) => p.namespace)])].sort(), [pods]);

  const light = (keys: readonly string[] | undefined) => setLit(keys && new Set(keys));

  return (
    <div className={inLesson ? 'cluster-map in-lesson' : 'cluster-map'}>
      <div className="map-bar">
        {inLesson ? (
          <span title={t.namespaceFromTab}>{t.shownNamespace(namespace || t.allNamespaces)}</span>
        ) : (
          <label>
            {t.namespace}{' '}
            <select value={namespace} onChange={(e) => chooseMapNamespace(e.target.value)}>
              {namespaces.map((ns) => (
                <option key={ns} value={ns}>
                  {ns}
                </option>
              ))}
              <option value="">{t.allNamespaces}</option>
            </select>
          </label>
        )}
        {/* A lesson is narrow: the cards say their STATUS, the tab's map keeps the legend. */}
        {!inLesson && (
          <ul className="map-legend" aria-label={t.legend}>
            {TONES.map((tone) => (
              <li key={tone}>
                <span className={`swatch tone-${tone}`} />
                {t[toneKey(tone)]}
              </li>
            ))}
          </ul>
        )}
        {layout.cards.length + layout.groups.length === 0 && <span className="muted">{t.noPods}</span>}
      </div>
      <div className="map-scroll">
        {/* As wide as the panel (narrower than drawn: scaled down), never wider than drawn. */}
        <svg className="map-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} style={{ maxWidth: layout.width }} role="group" aria-label={inLesson ? t.lessonMap : t.map}>
          <g className="links">
            {layout.links.map((link) => (
              <LinkLine key={link.key} link={link} />
            ))}
          </g>
          {!Number.isNaN(layout.headings.workloads) && (
            <text className="map-heading" x={layout.headings.x} y={layout.headings.workloads + HEADING_H - 6}>
              {t.deployments}
            </text>
          )}
          {layout.workloads.map((row) => (
            <WorkloadButton key={row.key} row={row} t={t} onLight={light} />
          ))}
          {!Number.isNaN(layout.headings.services) && (
            <text className="map-heading" x={layout.headings.x} y={layout.headings.services + HEADING_H - 6}>
              {t.services}
            </text>
          )}
          {layout.services.map((box) => (
            <ServiceButton key={box.key} box={box} t={t} />
          ))}
          {layout.boxes.map((box) => (
            <NodeFrame key={box.key || 'waiting'} box={box} t={t} />
          ))}
          {layout.cards.map((card) => (
            <PodCardButton key={card.key} card={card} dim={lit !== undefined && !lit.has(card.key)} t={t} />
          ))}
          {leaving.map((card) => (
            <PodCardButton key={`leaving ${card.key}`} card={card} dim={false} leaving t={t} />
          ))}
          {layout.groups.map((group) => (
            <GroupRow key={group.key} group={group} dim={lit !== undefined && !group.podKeys.some((k) => lit.has(k))} t={t} />
          ))}
        </svg>
      </div>
    </div>
  );
}

/** Enter and Space press a focused SVG button, as they would an HTML one. */
const pressWith = (open: () => void) => (event: KeyboardEvent) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  open();
};

/** A long generated name keeps its start and its distinguishing end: `web-7d4b9…x2x9z`. */
export function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = Math.floor((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

function LinkLine({ link }: { link: Link }) {
  const { from, to, via } = link;
  return <path className={link.ready ? 'link ready' : 'link not-ready'} d={`M${from.x},${from.y} C${via[0].x},${via[0].y} ${via[1].x},${via[1].y} ${to.x},${to.y}`} />;
}

function NodeFrame({ box, t }: { box: NodeBox; t: Strings }) {
  const node = box.node;
  if (!node) {
    return (
      <g className="node-box waiting" style={{ transform: `translate(${box.x}px, ${box.y}px)` }} role="img" aria-label={t.lane(box.podCount)}>
        <rect className="frame" width={NODE_W} style={{ height: box.h }} rx={8} />
        <text className="node-name" x={8} y={16}>
          {t.waiting}
        </text>
        <text className="node-meta" x={8} y={31}>
          {t.lane(box.podCount)}
        </text>
      </g>
    );
  }
  const status = node.ready ? 'Ready' : 'NotReady';
  const roles = node.roles.join(',') || '<none>';
  const label = t.node(node.name, node.unschedulable ? `${status},SchedulingDisabled` : status, roles, node.internalIP);
  const open = () => openObject({ kind: 'Node', namespace: '', name: node.name });
  return (
    <g className={`node-box${node.ready ? '' : ' down'}`} style={{ transform: `translate(${box.x}px, ${box.y}px)` }}>
      <rect className="frame" width={NODE_W} style={{ height: box.h }} rx={8} />
      <g className="node-head" role="button" tabIndex={0} aria-label={label} onClick={open} onKeyDown={pressWith(open)}>
        <title>{label}</title>
        <rect className="hit" width={NODE_W} height={NODE_HEAD} rx={8} />
        <text className="node-name" x={8} y={16}>
          {node.name}
        </text>
        <text className={node.ready ? 'node-status ready' : 'node-status not-ready'} x={NODE_W - 8} y={16} textAnchor="end">
          {status}
          {node.unschedulable ? ',SchedulingDisabled' : ''}
        </text>
        <text className="node-meta" x={8} y={31}>
          {roles} · {node.internalIP}
        </text>
      </g>
    </g>
  );
}

interface PodCardProps {
  card: PodCard;
  dim: boolean;
  leaving?: boolean;
  t: Strings;
}

/** Layout makes new card objects every batch; a card redraws only when its pod, place or look changed. */
const sameCard = (a: PodCardProps, b: PodCardProps): boolean =>
  a.card.pod === b.card.pod && a.card.x === b.card.x && a.card.y === b.card.y && a.card.tone === b.card.tone && a.dim === b.dim && a.leaving === b.leaving && a.t === b.t;

const PodCardButton = memo(function PodCardButton({ card, dim, leaving, t }: PodCardProps) {
  const pod: PodView = card.pod;
  const label = t.pod(pod.name, pod.status, `${pod.ready}/${pod.total}`, pod.restarts, pod.node);
  const open = () => openObject({ kind: 'Pod', namespace: pod.namespace, name: pod.name });
  return (
    <g className="pod-slot" style={{ transform: `translate(${card.x}px, ${card.y}px)` }}>
      <g
        className={`pod-card tone-${card.tone}${dim ? ' dim' : ''}${leaving ? ' leaving' : ''}`}
        role={leaving ? undefined : 'button'}
        tabIndex={leaving ? undefined : 0}
        aria-label={leaving ? undefined : label}
        aria-hidden={leaving || undefined}
        onClick={open}
        onKeyDown={pressWith(open)}
      >
        <title>{`${pod.namespace}/${pod.name}`}</title>
        <rect width={CARD_W} height={CARD_H} rx={5} />
        <text className="pod-name" x={6} y={13}>
          {shorten(pod.name, 19)}
        </text>
        {/* STATUS has the line to itself (ImagePullBackOff is long); READY goes beside the restarts. */}
        <text className="pod-status" x={6} y={26}>
          {shorten(pod.status, 21)}
        </text>
        <text className="pod-meta" x={6} y={38}>
          {pod.ip || '—'}
        </text>
        <text className={pod.restarts > 0 ? 'pod-meta restarted' : 'pod-meta'} x={CARD_W - 6} y={38} textAnchor="end">
          {pod.ready}/{pod.total} {t.restartsShort(pod.restarts)}
        </text>
      </g>
    </g>
  );
}, sameCard);

function GroupRow({ group, dim, t }: { group: PodGroup; dim: boolean; t: Strings }) {
  const label = t.group(group.owner, group.count, t[toneKey(group.tone)]);
  return (
    <g className={`pod-group tone-${group.tone}${dim ? ' dim' : ''}`} style={{ transform: `translate(${group.x}px, ${group.y}px)` }} role="img" aria-label={label}>
      <rect width={NODE_W - 12} height={GROUP_H} rx={4} />
      <text x={6} y={14}>
        {shorten(group.owner || '—', 26)}
      </text>
      <text x={NODE_W - 18} y={14} textAnchor="end">
        {group.count} × {t[toneKey(group.tone)]}
      </text>
    </g>
  );
}

function WorkloadButton({ row, t, onLight }: { row: WorkloadRow; t: Strings; onLight: (keys: readonly string[] | undefined) => void }) {
  const view = row.view;
  const [label, counts] =
    view.kind === 'Deployment'
      ? [t.deployment(view.name, view.ready, view.replicas), `${view.ready}/${view.replicas}`]
      : [t.replicaSet(view.name, view.ready, view.desired), `${view.ready}/${view.desired}`];
  const open = () => openObject({ kind: view.kind, namespace: view.namespace, name: view.name });
  const on = () => onLight(row.podKeys);
  const off = () => onLight(undefined);
  const width = LEFT_W - row.depth * INDENT;
  return (
    <g
      className={`workload depth-${row.depth}${view.kind === 'ReplicaSet' && view.desired === 0 ? ' idle' : ''}`}
      style={{ transform: `translate(${row.x}px, ${row.y}px)` }}
      role="button"
      tabIndex={0}
      aria-label={label}
      onMouseEnter={on}
      onMouseLeave={off}
      onFocus={on}
      onBlur={off}
      onClick={open}
      onKeyDown={pressWith(open)}
    >
      <rect width={width} height={WORKLOAD_H} rx={4} />
      <text x={6} y={14}>
        {view.kind === 'Deployment' ? 'deploy/' : 'rs/'}
        {shorten(view.name, 21)}
      </text>
      <text x={width - 6} y={14} textAnchor="end">
        {counts}
      </text>
    </g>
  );
}

function ServiceButton({ box, t }: { box: ServiceBox; t: Strings }) {
  const service = box.service;
  const ports = service.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}` : `${p.port}`)).join(',');
  const address = `${service.clusterIP}${ports ? `:${ports}` : ''}`;
  const open = () => openObject({ kind: 'Service', namespace: service.namespace, name: service.name });
  return (
    <g className="service" style={{ transform: `translate(${box.x}px, ${box.y}px)` }} role="button" tabIndex={0} aria-label={t.service(service.name, service.type, address)} onClick={open} onKeyDown={pressWith(open)}>
      <rect width={LEFT_W} height={SERVICE_H} rx={6} />
      <text className="service-name" x={6} y={14}>
        svc/{shorten(service.name, 22)}
      </text>
      <text className="service-type" x={LEFT_W - 6} y={14} textAnchor="end">
        {service.type}
      </text>
      <text className="service-address" x={6} y={28}>
        {address}
      </text>
    </g>
  );
}
