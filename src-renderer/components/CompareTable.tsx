import type { ReactNode } from 'react';

export interface CompareColumn {
  readonly title: string;
  /** Right-aligned figures. */
  readonly num?: boolean;
  /** A class of the column's header cell, e.g. to hide it in a narrow panel with its cells. */
  readonly className?: string;
}

export interface CompareBox {
  readonly checked: boolean;
  readonly disabled?: boolean;
  /** Read out for the checkbox: what ticking it compares. */
  readonly label: string;
  readonly onToggle: () => void;
  /** Beside the box once ticked: e.g. the colour the item is drawn in. */
  readonly marker?: ReactNode;
}

export interface CompareTableProps<T> {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  /** The columns after the first, the compare box. */
  readonly columns: readonly CompareColumn[];
  readonly compare: (item: T) => CompareBox;
  /** The item's cells, one `<td>` per column. */
  readonly cells: (item: T) => ReactNode;
  /** Data attributes of the item's row (its id, its state) for tests and styles. */
  readonly rowData?: (item: T) => Readonly<Record<`data-${string}`, string>>;
  readonly className: string;
  readonly testId: string;
  readonly rowTestId: string;
  readonly boxTestId: string;
}

/** A list of versions or runs with a compare box in front of each: backtests, ML model versions. */
export function CompareTable<T>(p: CompareTableProps<T>) {
  return (
    <table className={`table ${p.className}`} data-testid={p.testId}>
      <thead>
        <tr>
          <th>Compare</th>
          {p.columns.map((c) => (
            <th key={c.title} className={[c.num ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.items.map((item) => {
          const box = p.compare(item);
          return (
            <tr key={p.keyOf(item)} data-testid={p.rowTestId} {...p.rowData?.(item)}>
              <td>
                <input type="checkbox" checked={box.checked} disabled={box.disabled} onChange={box.onToggle} aria-label={box.label} data-testid={p.boxTestId} />
                {box.checked ? box.marker : null}
              </td>
              {p.cells(item)}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
