import { useEffect, useState, type DragEvent } from 'react';
import { ChartView } from '#renderer/features/chart/ChartView.tsx';
import { AREAS, type Area } from '#renderer/lib/layout-model.ts';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';
import { useLayoutStore } from '#renderer/stores/layout-store.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { PANELS } from './panel-list.ts';
import { usePanelFeeds } from './panel-feeds.ts';
import { PANEL_VIEWS } from './panels.tsx';

const AREA_NAMES: Record<Area, string> = { left: 'left', right: 'right', bottom: 'bottom' };
const title = (id: string) => PANELS.find((p) => p.id === id)?.title ?? id;

/** One area's tabs: click to show, drag onto another area's tabs (or use the ⋯ menu) to move. */
function PanelArea({ area, ids, active, opened }: { area: Area; ids: readonly string[]; active: string | undefined; opened: ReadonlySet<string> }) {
  const show = useLayoutStore((s) => s.show);
  const move = useLayoutStore((s) => s.move);
  const stale = useStale();
  const [menu, setMenu] = useState(false);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData('text/x-terminal-panel');
    if (id) move(id, area);
  };
  return (
    <section className={`panel area area-${area}`} data-testid={`area-${area}`} data-stale={stale ? 'true' : undefined}>
      <div
        className={`tabs${over ? ' drop' : ''}`}
        role="tablist"
        aria-label={`${AREA_NAMES[area]} panels`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {ids.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={id === active}
            className={id === active ? 'tab active' : 'tab'}
            draggable
            onDragStart={(e) => e.dataTransfer.setData('text/x-terminal-panel', id)}
            onClick={() => show(id)}
            data-testid={`tab-${id}`}
          >
            {title(id)}
          </button>
        ))}
        <span className="spacer" />
        {stale ? <span className="stale-tag" data-testid={`stale-${area}`}>stale</span> : null}
        {active ? (
          <span className="menu">
            <button type="button" className="icon-button" aria-label={`Move ${title(active)}`} aria-expanded={menu} onClick={() => setMenu(!menu)} data-testid={`move-${active}`}>
              ⋯
            </button>
            {menu ? (
              <div className="menu-list menu-right" role="menu">
                {AREAS.filter((a) => a !== area).map((a) => (
                  <button
                    key={a}
                    type="button"
                    role="menuitem"
                    className="menu-item"
                    onClick={() => {
                      setMenu(false);
                      move(active, a);
                    }}
                    data-testid={`move-${active}-${a}`}
                  >
                    Move {title(active)} to the {AREA_NAMES[a]}
                  </button>
                ))}
              </div>
            ) : null}
          </span>
        ) : null}
      </div>
      {ids.map((id) => (
        <div key={id} className="area-body" hidden={id !== active} role="tabpanel" data-testid={`panel-${id}`}>
          {opened.has(id) ? PANEL_VIEWS[id]?.() : null}
        </div>
      ))}
    </section>
  );
}

/**
 * The chart in the centre and the panels around it, as tabs in three areas; an empty area folds away.
 * Grid tracks are `minmax(0, …)` and every child has `min-width: 0`, so the page shrinks back with the
 * window instead of scrolling sideways.
 */
export function Workspace() {
  const layout = useLayoutStore((s) => s.layout);
  const register = useCommandsStore((s) => s.register);
  // Panels shown at least once. A panel is drawn the first time its tab is shown and kept (hidden) after,
  // so what was typed in it stays; panels never opened are not drawn, nor re-rendered behind their tabs as
  // their streams move. Kept as state set while rendering (React's pattern for state derived from earlier
  // renders), so a newly shown panel draws in the same pass.
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  usePanelFeeds();
  useEffect(() => useLayoutStore.getState().init(PANELS), []);
  useEffect(
    () =>
      register(
        PANELS.filter((p) => p.keys).map((p) => ({
          id: `panel.${p.id}`,
          title: `Show ${p.title.toLowerCase()}`,
          group: 'Panels' as const,
          keys: p.keys!,
          run: () => useLayoutStore.getState().show(p.id),
        })),
      ),
    [register],
  );
  if (!layout) return null;
  const shown = AREAS.map((a) => layout.active[a]).filter((id): id is string => id !== undefined);
  if (shown.some((id) => !opened.has(id))) setOpened(new Set([...opened, ...shown]));
  const has = (a: Area) => layout.areas[a].length > 0;
  const columns = [has('left') ? 'minmax(0, var(--left-width))' : '', 'minmax(0, 1fr)', has('right') ? 'minmax(0, var(--right-width))' : ''].filter(Boolean).join(' ');
  const rows = has('bottom') ? 'minmax(0, 1fr) minmax(0, var(--bottom-height))' : 'minmax(0, 1fr)';
  const areas = [
    [has('left') ? 'left' : '', 'center', has('right') ? 'right' : ''].filter(Boolean).join(' '),
    ...(has('bottom') ? [[has('left') ? 'left' : '', 'bottom', has('right') ? 'right' : ''].filter(Boolean).join(' ')] : []),
  ]
    .map((r) => `"${r}"`)
    .join(' ');
  return (
    <main className="workspace" style={{ gridTemplateColumns: columns, gridTemplateRows: rows, gridTemplateAreas: areas }} data-testid="workspace">
      <div className="center">
        <ChartView />
      </div>
      {AREAS.filter(has).map((a) => (
        <PanelArea key={a} area={a} ids={layout.areas[a]} active={layout.active[a]} opened={opened} />
      ))}
    </main>
  );
}

