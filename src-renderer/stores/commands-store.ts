import { create } from 'zustand';

export interface Command {
  readonly id: string;
  readonly title: string;
  /** Grouping in the palette and the help sheet. */
  readonly group: 'Chart' | 'Panels' | 'View' | 'Trading' | 'Help';
  /** Shortcut in `lib/shortcuts` notation, e.g. `mod+k`, `1`, `shift+k`. */
  readonly keys?: string;
  /** Fires even while typing in a field. */
  readonly inFields?: boolean;
  /** The feature listens for its own keys (the kill switch's two-step shortcut): listed, never bound twice. */
  readonly boundElsewhere?: boolean;
  /** Why it cannot run now; undefined when it can. */
  readonly disabled?: () => string | undefined;
  run(): void;
}

interface CommandsState {
  commands: Command[];
  paletteOpen: boolean;
  helpOpen: boolean;
  register(list: readonly Command[]): () => void;
  setPalette(open: boolean): void;
  setHelp(open: boolean): void;
}

/**
 * Every action the keyboard and the command palette can reach. Features register theirs while mounted
 * (the trading controls register the kill switch the same way), so the palette and the `?` sheet always
 * list exactly what works on screen.
 */
export const useCommandsStore = create<CommandsState>((set, get) => ({
  commands: [],
  paletteOpen: false,
  helpOpen: false,
  register(list) {
    const ids = new Set(list.map((c) => c.id));
    set({ commands: [...get().commands.filter((c) => !ids.has(c.id)), ...list] });
    return () => set({ commands: get().commands.filter((c) => !list.includes(c)) });
  },
  setPalette: (paletteOpen) => set({ paletteOpen, helpOpen: false }),
  setHelp: (helpOpen) => set({ helpOpen, paletteOpen: false }),
}));
