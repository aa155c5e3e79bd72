/**
 * The traffic diagram's recent flows. Not cluster state, so not in the page's store: the worker
 * streams events only while the diagram is shown (`watchDiagramStream`), and the flows seen so far
 * stay here when the learner looks at another tab.
 */
import { create } from 'zustand';
import { useCluster, watchDiagramStream, type DiagramStreamMessage } from '../../store';
import { addEvents, type Directory, type Flow } from './flows';
import type { FromWorker } from '../../../worker/protocol';

interface TrafficState {
  flows: readonly Flow[];
  /** Events the worker counted but did not send (too many in one frame), since the page opened. */
  dropped: number;
  nextId: number;
}

export const useTraffic = create<TrafficState>(() => ({ flows: [], dropped: 0, nextId: 1 }));

function directory(): Directory {
  const objects = useCluster.getState().objects;
  return { pods: objects.Pod, services: objects.Service, endpoints: objects.Endpoints, nodes: objects.Node };
}

function receive(message: Extract<FromWorker, { type: 'traffic' }>): void {
  useTraffic.setState((s) => {
    const flows = addEvents(s.flows, message.events, s.nextId, directory());
    return { flows, dropped: s.dropped + message.dropped, nextId: s.nextId + message.events.length };
  });
}

/** One listener however many Traffic diagrams are shown, so each event is counted once. */
const onTraffic = (message: DiagramStreamMessage): void => {
  if (message.type === 'traffic') receive(message);
};

/** Streams traffic while the diagram is mounted; returns the stop function for an effect. */
export const watchTraffic = (): (() => void) => watchDiagramStream('traffic', onTraffic);
