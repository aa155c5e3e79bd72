export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <h1>kubeplay</h1>
        <span className="muted">a Kubernetes playground that runs in your browser</span>
      </header>
      <main>
        <p>The simulated cluster is starting…</p>
      </main>
    </div>
  );
}
