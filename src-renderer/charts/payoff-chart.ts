import type { PayoffDto } from '#contract/trading-dto';
import { formatInrCompact, formatPrice } from '../lib/format.ts';
import type { ChartColors } from './chart-theme.ts';
import { payoffScales } from './payoff-scale.ts';

const T0_COLOR = '#58a6ff';
const FONT = '11px system-ui, sans-serif';

/**
 * Draws a structure's payoff on a canvas: profit shaded green and loss red under the at-expiry line,
 * the T+0 line (the engine's Black-76) dashed over it, today's spot and the breakevens marked. The
 * canvas is sized to its box at the device's pixel ratio on every draw.
 */
export function drawPayoff(canvas: HTMLCanvasElement, p: Pick<PayoffDto, 'points' | 'spot' | 'breakevens'>, colors: ChartColors): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (w === 0 || h === 0) return;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.font = FONT;
  const box = { left: 58, top: 8, width: Math.max(10, w - 66), height: Math.max(10, h - 28) };
  const s = payoffScales(p.points, box);
  const zero = s.y(0);

  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.text;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of s.pnlTicks) {
    const y = Math.round(s.y(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.fillText(formatInrCompact(v), box.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of s.spotTicks) ctx.fillText(formatPrice(v, 0), s.x(v), box.top + box.height + 6);

  // Profit and loss areas under the at-expiry curve, clipped at zero.
  const area = (above: boolean, color: string) => {
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, above ? box.top : zero, box.width, above ? zero - box.top : box.top + box.height - zero);
    ctx.clip();
    ctx.beginPath();
    ctx.moveTo(s.x(p.points[0]!.spot), zero);
    for (const pt of p.points) ctx.lineTo(s.x(pt.spot), s.y(pt.atExpiry));
    ctx.lineTo(s.x(p.points.at(-1)!.spot), zero);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.restore();
  };
  area(true, colors.bullZone);
  area(false, colors.bearZone);

  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(box.left, Math.round(zero) + 0.5);
  ctx.lineTo(box.left + box.width, Math.round(zero) + 0.5);
  ctx.stroke();

  const line = (pick: (pt: PayoffDto['points'][number]) => number, color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(dash);
    ctx.beginPath();
    p.points.forEach((pt, i) => (i === 0 ? ctx.moveTo(s.x(pt.spot), s.y(pick(pt))) : ctx.lineTo(s.x(pt.spot), s.y(pick(pt)))));
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line((pt) => pt.atExpiry, colors.text, []);
  line((pt) => pt.now, T0_COLOR, [5, 4]);

  ctx.strokeStyle = colors.text;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(s.x(p.spot)) + 0.5, box.top);
  ctx.lineTo(Math.round(s.x(p.spot)) + 0.5, box.top + box.height);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colors.text;
  ctx.textBaseline = 'top';
  ctx.fillText(`spot ${formatPrice(p.spot, 0)}`, s.x(p.spot), box.top + 2);

  ctx.fillStyle = colors.down;
  for (const b of p.breakevens) {
    ctx.beginPath();
    ctx.arc(s.x(b), zero, 3.5, 0, Math.PI * 2);
    ctx.fill();
  }
}
