import { useEffect } from 'react';
import { startCluster, useCluster } from './store';

export function App() {
  useEffect(startCluster, []);
  const status = useCluster((s) => s.status);
  const error = useCluster((s) => s.error);
  const nodes = useCluster((s) => s.nodes);
  return (
    <div className="shell">
      <header className="topbar">
        <h1>kubeplay</h1>
        <span className="muted">a Kubernetes playground that runs in your browser</span>
      </header>
      <main>
        {status === 'starting' && <p>The simulated cluster is starting…</p>}
        {status === 'failed' && <p role="alert">The cluster could not start: {error}</p>}
        <section className="nodes" aria-label="nodes">
          {nodes.map((node) => (
            <article className="node" key={node.name} aria-label={node.name}>
              <h2>{node.name}</h2>
              <div className="muted">
                {node.status} · {node.roles} · {node.internalIP}
              </div>
              <ul>
                {node.pods.map((pod) => (
                  <li key={`${pod.namespace}/${pod.name}`}>
                    {pod.name} <span className="muted">{pod.phase}</span>
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </section>
      </main>
    </div>
  );
}
