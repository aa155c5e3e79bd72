/** The cluster map: the machines and their pods (a first cut, growing into the full map). */
import { useCluster } from '../../store';

export function ClusterMap() {
  const nodes = useCluster((s) => s.objects.Node);
  const pods = useCluster((s) => s.objects.Pod);
  return (
    <section className="nodes" aria-label="nodes">
      {[...nodes.values()].map((node) => (
        <article className="node" key={node.name} aria-label={node.name}>
          <h2>
            {node.name} <span className={node.ready ? 'ready' : 'not-ready'}>{node.ready ? 'Ready' : 'NotReady'}</span>
          </h2>
          <div className="muted">
            {node.roles.join(',') || '<none>'} · {node.internalIP}
          </div>
          <ul>
            {[...pods.values()]
              .filter((pod) => pod.node === node.name)
              .map((pod) => (
                <li key={`${pod.namespace}/${pod.name}`} title={`${pod.namespace}/${pod.name} ${pod.status} ${pod.ip}`}>
                  {pod.name} <span className="muted">{pod.status}</span>
                </li>
              ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
