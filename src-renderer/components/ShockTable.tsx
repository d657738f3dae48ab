import type { ShockTableDto } from '#contract/trading-dto';
import { formatInrCompact, formatSigned } from '#renderer/lib/format.ts';

/** P&L under each spot move (rows) and IV shift (columns), the worst cell outlined: the shock gate's grid. */
export function ShockTable({ table, testId }: { table: ShockTableDto; testId?: string }) {
  let worst = { i: -1, j: -1, v: 0 };
  table.pnl.forEach((row, i) => row.forEach((v, j) => (v < worst.v ? (worst = { i, j, v }) : undefined)));
  return (
    <table className="table shock-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Spot</th>
          {table.ivPoints.map((iv) => (
            <th key={iv} className="num">
              IV {iv === 0 ? '±0' : formatSigned(iv, 0)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.spotPcts.map((sp, i) => (
          <tr key={sp} className={sp === 0 ? 'shock-now' : ''}>
            <td className="num">{sp === 0 ? '0%' : `${formatSigned(sp, 1)}%`}</td>
            {table.pnl[i]!.map((v, j) => (
              <td key={table.ivPoints[j]} className={`num ${v > 0.5 ? 'up' : v < -0.5 ? 'down' : 'flat'}${i === worst.i && j === worst.j ? ' shock-worst' : ''}`}>
                {formatInrCompact(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
