/**
 * Where panels sit. The chart owns the centre; the other panels live as tabs in three areas around it.
 * Pure functions over a plain object, so the model can be tested and persisted; an area with no panel
 * collapses and gives its space to the chart.
 */
export const AREAS = ['left', 'right', 'bottom'] as const;
export type Area = (typeof AREAS)[number];

export interface Layout {
  readonly areas: Readonly<Record<Area, readonly string[]>>;
  /** The tab shown in each area. */
  readonly active: Readonly<Record<Area, string | undefined>>;
}

export interface PanelPlacement {
  readonly id: string;
  readonly area: Area;
}

/** The layout a new user gets: every known panel in its default area, the first of each shown. */
export function defaultLayout(panels: readonly PanelPlacement[]): Layout {
  const areas: Record<Area, string[]> = { left: [], right: [], bottom: [] };
  for (const p of panels) areas[p.area].push(p.id);
  return { areas, active: { left: areas.left[0], right: areas.right[0], bottom: areas.bottom[0] } };
}

/**
 * A saved layout made valid for the panels this build has: unknown panels are dropped, duplicates kept
 * once, new panels join their default area, and an active tab that is gone falls back to the first.
 */
export function reconcile(saved: unknown, panels: readonly PanelPlacement[]): Layout {
  const fresh = defaultLayout(panels);
  if (!saved || typeof saved !== 'object') return fresh;
  const s = saved as { areas?: Partial<Record<Area, unknown>>; active?: Partial<Record<Area, unknown>> };
  const known = new Set(panels.map((p) => p.id));
  const seen = new Set<string>();
  const areas: Record<Area, string[]> = { left: [], right: [], bottom: [] };
  for (const area of AREAS) {
    const list = s.areas?.[area];
    if (!Array.isArray(list)) continue;
    for (const id of list) {
      if (typeof id !== 'string' || !known.has(id) || seen.has(id)) continue;
      seen.add(id);
      areas[area].push(id);
    }
  }
  for (const p of panels) if (!seen.has(p.id)) areas[p.area].push(p.id);
  const active = {} as Record<Area, string | undefined>;
  for (const area of AREAS) {
    const want = s.active?.[area];
    active[area] = typeof want === 'string' && areas[area].includes(want) ? want : areas[area][0];
  }
  return { areas, active };
}

export function areaOf(layout: Layout, id: string): Area | undefined {
  return AREAS.find((a) => layout.areas[a].includes(id));
}

/** Shows `id` in its area. */
export function activate(layout: Layout, id: string): Layout {
  const area = areaOf(layout, id);
  if (!area) return layout;
  return { ...layout, active: { ...layout.active, [area]: id } };
}

/** Moves `id` to `to` (at `index`, default the end) and shows it there; its old area shows its first tab. */
export function move(layout: Layout, id: string, to: Area, index?: number): Layout {
  const from = areaOf(layout, id);
  if (!from) return layout;
  const areas = { ...layout.areas } as Record<Area, string[]>;
  areas[from] = layout.areas[from].filter((x) => x !== id);
  const target = [...areas[to]];
  target.splice(index === undefined ? target.length : Math.max(0, Math.min(index, target.length)), 0, id);
  areas[to] = target;
  const active = { ...layout.active, [to]: id };
  if (from !== to && layout.active[from] === id) active[from] = areas[from][0];
  return { areas, active };
}
