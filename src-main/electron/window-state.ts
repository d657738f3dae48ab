import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '#core/secure-file';
import type { WindowBounds } from './window-options.ts';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().optional(),
});

export const DEFAULT_BOUNDS: WindowBounds = { width: 1400, height: 900 };

/** Remembers where the window was; a damaged file just means the default size. */
export function loadWindowState(dataDir: string): WindowBounds {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_BOUNDS;
  } catch {
    return DEFAULT_BOUNDS;
  }
}

export function saveWindowState(dataDir: string, bounds: WindowBounds): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(path.join(dataDir, 'window-state.json'), JSON.stringify(bounds));
}
