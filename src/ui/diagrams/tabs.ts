/**
 * The diagrams the panel offers, in tab order. The cluster map is on the first screen; every other
 * diagram is a chunk of its own, loaded when its tab is first opened.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { DIAGRAM_STRINGS } from './strings';
import { ClusterMap } from './cluster-map/ClusterMap';

export interface DiagramTab {
  id: string;
  /** The tab's title: a key of DIAGRAM_STRINGS. */
  title: keyof (typeof DIAGRAM_STRINGS)['en'];
  Component: ComponentType | LazyExoticComponent<ComponentType>;
}

export const DIAGRAM_TABS: readonly DiagramTab[] = [
  { id: 'map', title: 'map', Component: ClusterMap },
  { id: 'traffic', title: 'traffic', Component: lazy(() => import('./traffic/Traffic')) },
  { id: 'sequence', title: 'sequence', Component: lazy(() => import('./sequence/Sequence')) },
];
