/** The diagrams above the terminal: one tab per diagram (tabs.ts), the chosen one remembered. */
import { Suspense, useState } from 'react';
import { useStrings } from '../i18n';
import { recall, remember } from '../remember';
import { DIAGRAM_STRINGS } from './strings';
import { DIAGRAM_TABS } from './tabs';
import './diagrams.css';

const TAB_KEY = 'kubeplay.diagram';

export function DiagramPanel() {
  const t = useStrings(DIAGRAM_STRINGS);
  const [chosen, choose] = useState(() => DIAGRAM_TABS.find((tab) => tab.id === recall(TAB_KEY))?.id ?? DIAGRAM_TABS[0]!.id);
  const tab = DIAGRAM_TABS.find((d) => d.id === chosen) ?? DIAGRAM_TABS[0]!;
  const pick = (id: string) => {
    remember(TAB_KEY, id);
    choose(id);
  };
  return (
    <section className="diagrams" aria-label={t.panel}>
      <div className="diagram-tabs" role="tablist">
        {DIAGRAM_TABS.map((d) => (
          <button key={d.id} type="button" role="tab" aria-selected={d.id === tab.id} onClick={() => pick(d.id)}>
            {t[d.title]}
          </button>
        ))}
      </div>
      <div className="diagram-body" role="tabpanel" aria-label={t[tab.title]}>
        <Suspense fallback={<p className="muted">{t.loading}</p>}>
          <tab.Component />
        </Suspense>
      </div>
    </section>
  );
}
