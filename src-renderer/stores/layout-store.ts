import { create } from 'zustand';
import { activate, move, reconcile, type Area, type Layout, type PanelPlacement } from '../lib/layout-model.ts';
import { loadPref, savePref } from '../lib/persist.ts';

interface LayoutState {
  layout?: Layout;
  /** Builds the layout from the saved one and the panels this build has (once, at start). */
  init(panels: readonly PanelPlacement[]): void;
  show(id: string): void;
  move(id: string, to: Area, index?: number): void;
  reset(panels: readonly PanelPlacement[]): void;
}

const persist = (layout: Layout): Layout => {
  savePref('layout', layout);
  return layout;
};

/** Which panel sits where, remembered across restarts. */
export const useLayoutStore = create<LayoutState>((set, get) => ({
  init(panels) {
    if (get().layout) return;
    set({ layout: reconcile(loadPref('layout', (raw) => raw, undefined), panels) });
  },
  show(id) {
    const l = get().layout;
    if (l) set({ layout: persist(activate(l, id)) });
  },
  move(id, to, index) {
    const l = get().layout;
    if (l) set({ layout: persist(move(l, id, to, index)) });
  },
  reset(panels) {
    set({ layout: persist(reconcile(undefined, panels)) });
  },
}));
