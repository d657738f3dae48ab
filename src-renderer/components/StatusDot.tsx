export type Tone = 'good' | 'warn' | 'bad' | 'idle';

export function StatusDot({ tone, label, testId }: { tone: Tone; label: string; testId?: string }) {
  return (
    <span className="status" data-testid={testId} data-tone={tone}>
      <span className={`dot dot-${tone}`} aria-hidden="true" />
      {label}
    </span>
  );
}
