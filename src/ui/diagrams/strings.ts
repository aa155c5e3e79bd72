/** The diagram panel's words: its tabs, one per diagram. */
import { defineStrings } from '../i18n';

export const DIAGRAM_STRINGS = defineStrings({
  en: { panel: 'diagrams', map: 'Cluster map', traffic: 'Traffic', rollout: 'Rollout', timeline: 'Pod timeline', sequence: 'Creation sequence', loading: 'Loading the diagram…' },
  zh: { panel: '示意图', map: '集群地图', traffic: '流量', rollout: '滚动更新', timeline: 'Pod 时间线', sequence: '创建时序', loading: '正在加载示意图…' },
});
