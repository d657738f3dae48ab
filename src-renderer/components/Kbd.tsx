import { describeCombo } from '../lib/shortcuts.ts';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as keycaps. */
export function Kbd({ keys }: { keys: string }) {
  return (
    <span className="kbd-group">
      {describeCombo(keys, MAC)
        .split(' ')
        .map((k) => (
          <kbd key={k}>{k}</kbd>
        ))}
    </span>
  );
}
