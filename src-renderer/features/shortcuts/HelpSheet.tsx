import { Kbd } from '#renderer/components/Kbd.tsx';
import { Modal } from '#renderer/components/Modal.tsx';
import { useCommandsStore, type Command } from '#renderer/stores/commands-store.ts';

const GROUPS: Command['group'][] = ['Chart', 'Panels', 'Trading', 'View', 'Help'];

/** `?`: every shortcut that works on this screen, by group. */
export function HelpSheet() {
  const open = useCommandsStore((s) => s.helpOpen);
  const commands = useCommandsStore((s) => s.commands);
  const close = () => useCommandsStore.getState().setHelp(false);
  if (!open) return null;
  const keyed = commands.filter((c) => c.keys);
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="help-sheet" wide>
      <div className="help-grid">
        {GROUPS.map((g) => {
          const list = keyed.filter((c) => c.group === g);
          if (list.length === 0) return null;
          return (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {list.map((c) => (
                  <div key={c.id} className="help-row">
                    <dt>
                      <Kbd keys={c.keys!} />
                    </dt>
                    <dd>{c.title}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
      <p className="muted small">Letters and digits do nothing while you type in a field. Esc closes this sheet.</p>
    </Modal>
  );
}
