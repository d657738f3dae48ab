import { useEffect, useRef, useState, type ReactNode } from 'react';
import { rowWindow } from '#renderer/lib/window-rows.ts';

/**
 * A table that draws only the rows in view (fixed row height), so thousands of orders or fills scroll
 * as fast as twenty. Spacer rows above and below keep the scroll bar true to the whole list.
 */
export function WindowedTable<T>({
  rows,
  rowHeight,
  head,
  row,
  columns,
  className,
  testId,
  empty,
}: {
  rows: readonly T[];
  rowHeight: number;
  head: ReactNode;
  row: (item: T, index: number) => ReactNode;
  columns: number;
  className?: string;
  testId?: string;
  empty?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const ro = new ResizeObserver(onScroll);
    ro.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    measure();
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
  const w = rowWindow(view.top, view.height, rowHeight, rows.length);
  const drawn: ReactNode[] = [];
  for (let i = w.start; i < w.end; i++) drawn.push(row(rows[i]!, i));
  return (
    <div className="scroll windowed" ref={box} data-testid={testId}>
      <table className={`table ${className ?? ''}`} style={{ ['--row-h' as string]: `${rowHeight}px` }}>
        <thead>{head}</thead>
        <tbody>
          {w.padTop > 0 ? (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={columns} style={{ height: w.padTop }} />
            </tr>
          ) : null}
          {drawn}
          {w.padBottom > 0 ? (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={columns} style={{ height: w.padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {rows.length === 0 && empty ? <div className="muted pad">{empty}</div> : null}
    </div>
  );
}
