import { describe, expect, it } from 'vitest';
import { drawLabels, type Label } from './marks-primitive.ts';

/** A canvas that records what was printed, each character 6 px wide. */
function fakeCanvas() {
  const printed: { text: string; x: number; y: number; color: string }[] = [];
  const ctx = {
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    measureText: (text: string) => ({ width: text.length * 6 }) as TextMetrics,
    fillText(text: string, x: number, y: number) {
      printed.push({ text, x, y, color: String(this.fillStyle) });
    },
  };
  return { ctx, printed };
}

const label = (text: string, x: number, y: number, from: number): Label => ({ text, x, y, color: `c${from}`, from });

describe('price-action labels', () => {
  it('labels zones stacked at the view’s edge once each where they fit, the newest first, and never overprints', () => {
    const { ctx, printed } = fakeCanvas();
    // Three zones that began left of the view, 4 px apart: only the newest gets a label there; one 30 px lower gets its own.
    drawLabels(ctx, [label('OB', 1, 100, 1), label('FVG', 1, 104, 3), label('OB', 1, 108, 2), label('FVG', 1, 140, 0)]);
    expect(printed).toEqual([
      { text: 'FVG', x: 1, y: 104, color: 'c3' },
      { text: 'FVG', x: 1, y: 140, color: 'c0' },
    ]);
  });

  it('prints labels side by side on one line when they do not touch', () => {
    const { ctx, printed } = fakeCanvas();
    drawLabels(ctx, [label('BOS', 10, 50, 1), label('CHoCH', 40, 50, 2), label('BOS', 20, 50, 3)]);
    expect(printed.map((p) => [p.text, p.x])).toEqual([
      ['BOS', 20],
      ['CHoCH', 40],
    ]);
  });
});
