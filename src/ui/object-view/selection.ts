/** Which object the object view shows: set by a click in a diagram, cleared by Esc or Close. */
import { create } from 'zustand';
import type { ObjectRef } from '../../worker/object-watch';

interface Selection {
  shown?: ObjectRef;
}

export const useObjectSelection = create<Selection>(() => ({}));

export const openObject = (ref: ObjectRef): void => useObjectSelection.setState({ shown: ref });
export const closeObject = (): void => useObjectSelection.setState({ shown: undefined });
