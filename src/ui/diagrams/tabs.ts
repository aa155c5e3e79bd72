/**
 * The diagrams the panel offers, in tab order. The cluster map is on the first screen; every other
 * diagram is a chunk of its own, loaded when its tab is first opened.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { DIAGRAM_STRINGS } from './strings';
import { ClusterMap } from './cluster-map/ClusterMap';
import { startHistory } from './history';

// Rollout and Timeline draw the past: record it from the page's start, not from their first opening.
startHistory();

export interface DiagramTab {
  id: string;
  /** The tab's title: a key of DIAGRAM_STRINGS. */
  title: keyof (typeof DIAGRAM_STRINGS)['en'];
  Component: ComponentType | LazyExoticComponent<ComponentType>;
}

export const DIAGRAM_TABS: readonly DiagramTab[] = [
  { id: 'map', title: 'map', Component: ClusterMap },
  { id: 'traffic', title: 'traffic', Component: lazy(() => import('./traffic/Traffic')) },
  { id: 'rollout', title: 'rollout', Component: lazy(() => import('./rollout/Rollout')) },
  { id: 'timeline', title: 'timeline', Component: lazy(() => import('./timeline/Timeline')) },
  { id: 'sequence', title: 'sequence', Component: lazy(() => import('./sequence/Sequence')) },
];
