/**
 * The object view: a drawer with one object as `kubectl get -o yaml` prints it (metadata on top,
 * spec and status side by side), its events as `kubectl describe` lists them, and for nodes and
 * pods a few faults to inject. It follows the object live while open; Esc or Close shuts it and
 * gives focus back to what opened it. The page renders one (App.tsx) for every map that opens
 * objects, the tab's or a lesson's. All text is text: nothing here is parsed as HTML.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStrings } from '../i18n';
import { injectFault, useCluster, watchObject } from '../store';
import type { Fault } from '../../worker/faults';
import type { ObjectRef, ObjectReport } from '../../worker/object-watch';
import { eventRows } from './events';
import { closeObject, useObjectSelection } from './selection';
import { OBJECT_STRINGS } from './strings';
import './object-view.css';

type Strings = (typeof OBJECT_STRINGS)['en'];

export function ObjectView() {
  const shown = useObjectSelection((s) => s.shown);
  if (!shown) return null;
  return <ObjectDrawer key={`${shown.kind}/${shown.namespace}/${shown.name}`} about={shown} />;
}

function ObjectDrawer({ about }: { about: ObjectRef }) {
  const t = useStrings(OBJECT_STRINGS);
  const [report, setReport] = useState<ObjectReport>();
  useEffect(() => watchObject(about, setReport), [about]);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement || document.activeElement instanceof SVGElement ? document.activeElement : undefined;
    closeButton.current?.focus();
    // Esc closes it wherever the focus is, except where Esc means something else (vi in the terminal, the editor).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !isTextEntry(event.target)) closeObject();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const title = `${about.kind} ${about.namespace ? `${about.namespace}/` : ''}${about.name}`;
  const text = report?.text;
  return (
    <aside className="object-view" role="dialog" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button ref={closeButton} type="button" onClick={closeObject}>
          {t.close}
        </button>
      </header>
      {about.kind === 'Node' && report?.kubelet && <NodeFaults node={about.name} kubelet={report.kubelet} t={t} />}
      {about.kind === 'Pod' && text && <PodFaults about={about} t={t} />}
      {!report && <p className="muted">{t.loading}</p>}
      {report && !text && <p role="status">{t.gone}</p>}
      {text && (
        <section className="object-yaml" aria-label="YAML">
          <pre>{text.head}</pre>
          <div className="object-yaml-columns">
            {text.spec && <pre aria-label="spec">{text.spec}</pre>}
            {text.status && <pre aria-label="status">{text.status}</pre>}
          </div>
        </section>
      )}
      <ObjectEvents about={about} t={t} />
    </aside>
  );
}

/** xterm and Monaco take keys through a textarea; inputs and editable elements keep their Esc too. */
const isTextEntry = (target: EventTarget | null): boolean =>
  target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement || (target instanceof HTMLElement && target.isContentEditable);

function ObjectEvents({ about, t }: { about: ObjectRef; t: Strings }) {
  const events = useCluster((s) => s.objects.Event);
  const iso = useCluster((s) => s.time?.iso);
  const rows = useMemo(() => (iso ? eventRows(events.values(), about, Date.parse(iso)) : []), [events, about, iso]);
  return (
    <section className="object-events" aria-label={t.events}>
      <h3>{t.events}</h3>
      {rows.length === 0 ? (
        <p>{t.noEvents}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Type</th>
              <th>Reason</th>
              <th>Age</th>
              <th>From</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.type === 'Warning' ? 'warning' : undefined}>
                <td>{row.type}</td>
                <td>{row.reason}</td>
                <td>{row.age}</td>
                <td>{row.from}</td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A fault button with its explanation and, once pressed, what happened. */
function FaultButton({ fault, label, help }: { fault: Fault; label: string; help: string }) {
  const t = useStrings(OBJECT_STRINGS);
  const [outcome, setOutcome] = useState<string>();
  const press = () => void injectFault(fault).then((result) => setOutcome(result.ok ? t.done : result.error));
  return (
    <div className="fault">
      <button type="button" onClick={press}>
        {label}
      </button>
      <span className="fault-help">{help}</span>
      {outcome && <span role="status">{outcome}</span>}
    </div>
  );
}

function NodeFaults({ node, kubelet, t }: { node: string; kubelet: 'running' | 'stopped'; t: Strings }) {
  return (
    <section className="object-faults" aria-label={t.faults}>
      {/* One button that turns from Stop into Start (same key): the focus stays on it. */}
      {kubelet === 'running' ? (
        <FaultButton key="kubelet" fault={{ op: 'stop-kubelet', node }} label={t.stopKubelet} help={t.stopKubeletHelp} />
      ) : (
        <FaultButton key="kubelet" fault={{ op: 'start-kubelet', node }} label={t.startKubelet} help={t.startKubeletHelp} />
      )}
    </section>
  );
}

function PodFaults({ about, t }: { about: ObjectRef; t: Strings }) {
  const pod = useCluster((s) => s.objects.Pod.get(`${about.namespace}/${about.name}`));
  // Every app container gets its button, running or not: the worker says when there is nothing to kill.
  const containers = pod?.containers.filter((c) => !c.init) ?? [];
  return (
    <section className="object-faults" aria-label={t.faults}>
      {containers.map((c) => (
        <FaultButton key={c.name} fault={{ op: 'kill-container', namespace: about.namespace, pod: about.name, container: c.name }} label={t.killContainer(c.name)} help={t.killHelp} />
      ))}
    </section>
  );
}
