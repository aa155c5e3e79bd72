/**
 * The traffic diagram: the selected request (the newest unless one is picked from the list) from
 * its client through the client node's netfilter rules to the pod that took it, a dot travelling
 * the path; beside it the recent requests as text.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStrings } from '../../i18n';
import { useCluster } from '../../store';
import { describeAnswer, describeFlow, hitsByEndpoint, type Flow } from './flows';
import { layoutFlow, VIEW_HEIGHT, VIEW_WIDTH, type Box, type Candidate } from './layout';
import { TRAFFIC_STRINGS } from './strings';
import { useTraffic, watchTraffic } from './traffic-store';
import './traffic.css';

/** Long pod names are cut to fit their box; the full name is in the box's title. */
const fit = (text: string, chars: number): string => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

export default function Traffic() {
  const t = useStrings(TRAFFIC_STRINGS);
  const flows = useTraffic((s) => s.flows);
  const dropped = useTraffic((s) => s.dropped);
  const [picked, pick] = useState<number>();
  useEffect(watchTraffic, []);
  const flow = flows.find((f) => f.id === picked) ?? flows[flows.length - 1];
  return (
    <div className="traffic">
      {flow ? <FlowFigure flow={flow} flows={flows} /> : <p className="muted traffic-empty">{t.empty}</p>}
      <section className="traffic-list" aria-label={t.recent}>
        <h3>{t.recent}</h3>
        {dropped > 0 && <p className="muted">{t.dropped(dropped)}</p>}
        <ol>
          {[...flows].reverse().map((f) => (
            <li key={f.id} className={f.ok ? 'ok' : 'failed'} aria-current={f === flow}>
              <button type="button" onClick={() => pick(f.id)}>
                <span className="traffic-route">{describeFlow(f)}</span>
                {f.reason && <span className="traffic-reason"> — {t[f.reason]}</span>}
                {f.dns.map((answer, i) => (
                  <span key={i} className="traffic-dns">
                    {' '}
                    · {t.query} {describeAnswer(answer)}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function FlowFigure({ flow, flows }: { flow: Flow; flows: readonly Flow[] }) {
  const t = useStrings(TRAFFIC_STRINGS);
  const endpoints = useCluster((s) => s.objects.Endpoints);
  const pods = useCluster((s) => s.objects.Pod);
  const layout = useMemo(() => {
    const candidates: Candidate[] = flow.service
      ? (endpoints.get(flow.service)?.addresses ?? []).map((a) => ({ name: `${flow.service!.split('/')[0]}/${a.pod}`, ip: a.ip }))
      : [];
    return layoutFlow(flow, candidates, flow.service ? hitsByEndpoint(flows, flow.service) : new Map());
  }, [flow, flows, endpoints]);
  // Whose netfilter the packet crossed: the client's node (a pod's is where it runs).
  const node = flow.client.kind === 'pod' ? (pods.get(flow.client.name)?.node ?? '?') : flow.client.name;
  const failed = !flow.ok;
  return (
    <figure className="traffic-figure">
      <svg viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} role="img" aria-label={t.figure}>
        <Labelled box={layout.client} className="traffic-client" title={flow.client.name} lines={[flow.client.name, flow.client.ip]} />
        <g className="traffic-rules">
          <rect x={layout.rules.x} y={layout.rules.y} width={layout.rules.w} height={layout.rules.h} rx={6} />
          <text x={layout.rules.x + 8} y={layout.rules.y + 16} className="traffic-caption">
            {t.rules(node)}
          </text>
          {flow.chains.length === 0 ? (
            <text x={layout.rules.x + 8} y={layout.rules.y + 40}>
              {fit(t.noRule, 30)}
            </text>
          ) : (
            flow.chains.map((chain, i) => (
              <text key={chain} x={layout.rules.x + 8 + i * 10} y={layout.rules.y + 38 + i * 22} className="traffic-chain">
                {i > 0 ? '↳ ' : ''}
                {chain}
              </text>
            ))
          )}
          {flow.service && (
            <text x={layout.rules.x + 8} y={layout.rules.y + layout.rules.h - 8} className="traffic-caption">
              {flow.service} {flow.asked.ip}:{flow.asked.port}
            </text>
          )}
        </g>
        {layout.servers.map((s) => (
          <g key={s.name} className={s.chosen ? 'traffic-server chosen' : 'traffic-server'}>
            <title>{s.name}</title>
            <rect x={s.box.x} y={s.box.y} width={s.box.w} height={s.box.h} rx={5} />
            <text x={s.box.x + 6} y={s.box.y + 14}>
              {fit(s.name, 31)}
            </text>
            <text x={s.box.x + 6} y={s.box.y + 28} className="traffic-caption">
              {s.ip}
              {s.hits > 0 ? `  ${t.hits(s.hits)}` : ''}
            </text>
          </g>
        ))}
        {layout.more > 0 && (
          <text x={layout.servers[0]!.box.x} y={VIEW_HEIGHT - 2} className="traffic-caption">
            {t.more(layout.more)}
          </text>
        )}
        <path d={layout.path} className={failed ? 'traffic-path failed' : 'traffic-path'} />
        <circle key={flow.id} r={5} className={failed ? 'traffic-dot failed' : 'traffic-dot'} style={{ offsetPath: `path('${layout.path}')` }} />
        {failed && (
          <text x={layout.endPoint.x} y={layout.endPoint.y + 5} className="traffic-cross" textAnchor="middle">
            ✕
          </text>
        )}
      </svg>
      <figcaption>
        {flow.reason && <span className="traffic-reason">{t[flow.reason]}</span>}
        {flow.dns.map((answer, i) => (
          <span key={i} className="traffic-dns">
            {t.query}: {answer.answers.length === 0 && answer.rcode === 'NOERROR' ? `${answer.type} ${answer.name} → ${t.noAnswer}` : describeAnswer(answer)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function Labelled({ box, className, title, lines }: { box: Box; className: string; title: string; lines: string[] }) {
  return (
    <g className={className}>
      <title>{title}</title>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={6} />
      {lines.map((line, i) => (
        <text key={i} x={box.x + 8} y={box.y + 20 + i * 16} className={i > 0 ? 'traffic-caption' : undefined}>
          {fit(line, 19)}
        </text>
      ))}
    </g>
  );
}
