/** One of the page's live diagrams drawn inside a lesson step (a `diagram` block names it). */
import { Suspense } from 'react';
import type { DiagramName } from '../../lessons/types';
import { useStrings } from '../i18n';
import { InLesson } from './in-lesson';
import { DIAGRAM_STRINGS } from './strings';
import { DIAGRAM_TABS } from './tabs';
import './diagrams.css';

export function EmbeddedDiagram({ name }: { name: DiagramName }) {
  const t = useStrings(DIAGRAM_STRINGS);
  const tab = DIAGRAM_TABS.find((d) => d.id === name);
  if (!tab) return null;
  return (
    <div className="diagram-body embedded" role="region" aria-label={t[tab.title]}>
      <Suspense fallback={<p className="muted">{t.loading}</p>}>
        <InLesson value>
          <tab.Component />
        </InLesson>
      </Suspense>
    </div>
  );
}
