import type { IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time, UTCTimestamp } from 'lightweight-charts';
import type { PriceActionMarkDto } from '#contract/market-dto';
import { toChartTime } from '../lib/format.ts';
import type { ChartColors } from './chart-theme.ts';

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

export interface Label {
  readonly text: string;
  readonly x: number;
  /** The text's baseline. */
  readonly y: number;
  readonly color: string;
  /** The mark's start: the newest marks are labelled first. */
  readonly from: number;
}

const LABEL_HEIGHT = 10;

/**
 * The marks' labels, the newest first, each skipped where it would overprint one already drawn: zones that
 * began left of the view are all labelled at its edge, and a stack of them printed "OB" over "FVG" over "OB".
 * The zones and levels themselves are all drawn.
 */
export function drawLabels(ctx: Pick<CanvasRenderingContext2D, 'measureText' | 'fillText' | 'fillStyle'>, labels: readonly Label[]): void {
  const placed: { x1: number; x2: number; y1: number; y2: number }[] = [];
  for (const l of [...labels].sort((a, b) => b.from - a.from)) {
    const box = { x1: l.x, x2: l.x + ctx.measureText(l.text).width, y1: l.y - LABEL_HEIGHT, y2: l.y };
    if (placed.some((b) => box.x1 < b.x2 && b.x1 < box.x2 && box.y1 < b.y2 && b.y1 < box.y2)) continue;
    placed.push(box);
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, l.x, l.y);
  }
}

/**
 * Price-action marks drawn on the candle pane: order blocks and fair value gaps as shaded zones from their
 * bar until mitigated (or to the right edge), breaks of structure as dashed levels labelled BOS / CHoCH.
 * The marks are replaced as a whole when the engine sends new ones; drawing reads the chart's coordinates.
 */
export class MarksPrimitive implements ISeriesPrimitive<Time> {
  private marks: readonly PriceActionMarkDto[] = [];
  private params: SeriesAttachedParameter<Time> | undefined;
  private colors: ChartColors;
  private readonly renderer: IPrimitivePaneRenderer = { draw: () => {}, drawBackground: (target) => this.draw(target) };
  private readonly views: readonly IPrimitivePaneView[] = [{ renderer: () => this.renderer, zOrder: () => 'bottom' }];

  constructor(colors: ChartColors) {
    this.colors = colors;
  }

  attached(params: SeriesAttachedParameter<Time>): void {
    this.params = params;
  }

  detached(): void {
    this.params = undefined;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  set(marks: readonly PriceActionMarkDto[]): void {
    this.marks = marks;
    this.params?.requestUpdate();
  }

  setColors(colors: ChartColors): void {
    this.colors = colors;
    this.params?.requestUpdate();
  }

  private draw(target: Target): void {
    const p = this.params;
    if (!p || this.marks.length === 0) return;
    const scale = p.chart.timeScale();
    const x = (ms: number): number | null => scale.timeToCoordinate(toChartTime(ms) as UTCTimestamp);
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      ctx.save();
      ctx.font = '10px system-ui, sans-serif';
      const labels: Label[] = [];
      for (const m of this.marks) {
        const from = x(m.from);
        if (from === null) continue;
        const x2 = m.to !== undefined ? (x(m.to) ?? mediaSize.width) : mediaSize.width;
        // A mark that ended left of the view is not drawn, and one that began there is filled from the edge:
        // large translucent fills are what a software-painted canvas pays for.
        if (x2 < 0) continue;
        const x1 = Math.max(from, -1);
        const color = m.side === 'bull' ? this.colors.up : this.colors.down;
        if ('level' in m) {
          const y = p.series.priceToCoordinate(m.level);
          if (y === null) continue;
          ctx.strokeStyle = color;
          ctx.setLineDash([4, 3]);
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(x1, y);
          ctx.lineTo(x2, y);
          ctx.stroke();
          ctx.setLineDash([]);
          labels.push({ text: m.kind === 'bos' ? 'BOS' : 'CHoCH', x: (x1 + x2) / 2 - 12, y: m.side === 'bull' ? y - 3 : y + 11, color, from: m.from });
        } else {
          const top = p.series.priceToCoordinate(m.top);
          const bottom = p.series.priceToCoordinate(m.bottom);
          if (top === null || bottom === null) continue;
          ctx.fillStyle = m.side === 'bull' ? this.colors.bullZone : this.colors.bearZone;
          ctx.fillRect(x1, Math.min(top, bottom), Math.max(1, x2 - x1), Math.max(1, Math.abs(bottom - top)));
          labels.push({ text: m.kind === 'fvg' ? 'FVG' : 'OB', x: x1 + 2, y: Math.min(top, bottom) + 10, color, from: m.from });
        }
      }
      drawLabels(ctx, labels);
      ctx.restore();
    });
  }
}
