/**
 * The namespace the cluster map shows, one setting for every map on the page (the tab's and any
 * a lesson embeds), remembered across reloads. Only the tab's map offers the choice.
 */
import { create } from 'zustand';
import { recall, remember } from '../../remember';

const NAMESPACE_KEY = 'kubeplay.map.namespace';

export const useMapNamespace = create<{ namespace: string }>(() => ({ namespace: recall(NAMESPACE_KEY) ?? 'default' }));

export function chooseMapNamespace(namespace: string): void {
  remember(NAMESPACE_KEY, namespace);
  useMapNamespace.setState({ namespace });
}
