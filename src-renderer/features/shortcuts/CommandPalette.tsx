import { useMemo, useState, type KeyboardEvent } from 'react';
import { Kbd } from '#renderer/components/Kbd.tsx';
import { Modal } from '#renderer/components/Modal.tsx';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';
import { rankCommands } from './rank-commands.ts';

/** Ctrl K: type to find any action; Enter runs it. Actions that cannot run now say why. */
export function CommandPalette() {
  const open = useCommandsStore((s) => s.paletteOpen);
  if (!open) return null;
  return <Palette />;
}

function Palette() {
  const commands = useCommandsStore((s) => s.commands);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const list = useMemo(() => rankCommands(commands, query), [commands, query]);
  const close = () => useCommandsStore.getState().setPalette(false);
  const run = (i: number) => {
    const c = list[i];
    if (!c || c.disabled?.()) return;
    close();
    c.run();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setIndex((i) => Math.min(list.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter') run(index);
    else return;
    e.preventDefault();
  };
  return (
    <Modal title="Command palette" onClose={close} testId="command-palette">
      <input
        className="palette-input"
        value={query}
        placeholder="Type a command: 5m, chain, theme, reconnect…"
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKey}
        aria-label="Command"
        data-testid="palette-input"
      />
      <ul className="palette-list" role="listbox">
        {list.map((c, i) => {
          const why = c.disabled?.();
          return (
            <li key={c.id} role="option" aria-selected={i === index} aria-disabled={why ? true : undefined} className={i === index ? 'active' : ''} onMouseEnter={() => setIndex(i)} onClick={() => run(i)}>
              <span className="palette-title">{c.title}</span>
              {why ? <span className="muted small">{why}</span> : null}
              <span className="spacer" />
              <span className="muted small">{c.group}</span>
              {c.keys ? <Kbd keys={c.keys} /> : null}
            </li>
          );
        })}
        {list.length === 0 ? <li className="muted">No command matches.</li> : null}
      </ul>
    </Modal>
  );
}
