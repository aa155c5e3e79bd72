/** The last command's API calls, as the worker last sent them (streamed only while the diagram is shown). */
import { create } from 'zustand';
import { watchDiagramStream, type DiagramStreamMessage } from '../../store';
import type { CallSequence } from '../../../worker/api-calls';

export const useCallSequence = create<{ sequence?: CallSequence }>(() => ({}));

/** Streams the sequence while the diagram is mounted; returns the stop function for an effect. */
export const watchCalls = (): (() => void) => watchDiagramStream('api-calls', onCalls);

const onCalls = (message: DiagramStreamMessage): void => {
  if (message.type === 'api-calls') useCallSequence.setState({ sequence: message.sequence });
};
