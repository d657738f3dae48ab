// `node scripts/make-icons.ts`: the installers' icons (resources/icons: icon.png, icon.ico, icon.icns)
// drawn from the UI's favicon (src-renderer/public/favicon.svg), with no image library: the favicon is
// rectangles (rounded or not) and straight strokes, which this draws with 4×4 supersampling.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgba = readonly [number, number, number, number];
interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly rx: number;
  readonly color: Rgba;
}

const ROOT = path.resolve(import.meta.dirname, '..');
export const FAVICON = path.join(ROOT, 'src-renderer', 'public', 'favicon.svg');
export const ICON_DIR = path.join(ROOT, 'resources', 'icons');

function hexColor(value: string): Rgba {
  const m = /^#([0-9a-f]{6})$/i.exec(value);
  if (!m) throw new Error(`unsupported colour ${value}: the icon script reads #rrggbb only`);
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

const attrsOf = (text: string): Record<string, string> => Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** The favicon as boxes in viewBox units, in paint order. A stroke is its segment widened (butt caps). */
export function parseIcon(svg: string): { size: number; boxes: Box[] } {
  const viewBox = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('the favicon must have a square viewBox "0 0 N N"');
  const boxes: Box[] = [];
  for (const m of svg.matchAll(/<(rect|path)\s([^>]*?)\/>/g)) {
    const a = attrsOf(m[2]!);
    if (m[1] === 'rect') {
      const x = Number(a.x ?? 0);
      const y = Number(a.y ?? 0);
      boxes.push({ x0: x, y0: y, x1: x + Number(a.width), y1: y + Number(a.height), rx: Number(a.rx ?? 0), color: hexColor(a.fill!) });
      continue;
    }
    const half = Number(a['stroke-width'] ?? 1) / 2;
    const color = hexColor(a.stroke!);
    let x = 0;
    let y = 0;
    for (const [, cmd, arg] of a.d!.matchAll(/([MmVvHh])\s*(-?\d+(?:\.\d+)?(?:[ ,]-?\d+(?:\.\d+)?)?)/g)) {
      const [p, q] = arg!.split(/[ ,]/).map(Number) as [number, number | undefined];
      const [nx, ny] = cmd === 'M' ? [p, q!] : cmd === 'm' ? [x + p, y + q!] : cmd === 'V' ? [x, p] : cmd === 'v' ? [x, y + p] : cmd === 'H' ? [p, y] : [x + p, y];
      const draws = cmd !== 'M' && cmd !== 'm' && (nx !== x || ny !== y);
      if (draws && nx === x) boxes.push({ x0: x - half, x1: x + half, y0: Math.min(y, ny), y1: Math.max(y, ny), rx: 0, color });
      if (draws && ny === y) boxes.push({ x0: Math.min(x, nx), x1: Math.max(x, nx), y0: y - half, y1: y + half, rx: 0, color });
      [x, y] = [nx, ny];
    }
  }
  return { size: Number(viewBox[1]), boxes };
}

function inside(b: Box, x: number, y: number): boolean {
  if (x < b.x0 || x >= b.x1 || y < b.y0 || y >= b.y1) return false;
  if (b.rx <= 0) return true;
  const cx = Math.min(Math.max(x, b.x0 + b.rx), b.x1 - b.rx);
  const cy = Math.min(Math.max(y, b.y0 + b.rx), b.y1 - b.rx);
  return (x - cx) ** 2 + (y - cy) ** 2 <= b.rx ** 2;
}

/** RGBA pixels, `px` square, each the source-over blend of the boxes' 4×4-sample coverage. */
export function rasterize(icon: { size: number; boxes: Box[] }, px: number): Buffer {
  const out = Buffer.alloc(px * px * 4);
  const unit = icon.size / px;
  for (let j = 0; j < px; j++) {
    for (let i = 0; i < px; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const box of icon.boxes) {
        let hits = 0;
        for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(box, (i + (sx + 0.5) / 4) * unit, (j + (sy + 0.5) / 4) * unit)) hits++;
        if (hits === 0) continue;
        const cov = hits / 16;
        r = box.color[0] * cov + r * (1 - cov);
        g = box.color[1] * cov + g * (1 - cov);
        b = box.color[2] * cov + b * (1 - cov);
        a = cov + a * (1 - cov);
      }
      const o = (j * px + i) * 4;
      // Premultiplied above; stored straight, as PNG wants.
      out[o] = a > 0 ? Math.round(r / a) : 0;
      out[o + 1] = a > 0 ? Math.round(g / a) : 0;
      out[o + 2] = a > 0 ? Math.round(b / a) : 0;
      out[o + 3] = Math.round(a * 255);
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(rgba: Buffer, px: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(px * (px * 4 + 1));
  for (let j = 0; j < px; j++) rgba.copy(rows, j * (px * 4 + 1) + 1, j * px * 4, (j + 1) * px * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A Windows icon of PNG images (Vista and later read PNG entries); 256 is written as 0 in the directory. */
export function encodeIco(pngs: ReadonlyMap<number, Buffer>): Buffer {
  const entries = [...pngs];
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([px, png], k) => {
    const e = 6 + 16 * k;
    header[e] = px >= 256 ? 0 : px;
    header[e + 1] = px >= 256 ? 0 : px;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

/** ICNS PNG slots: 32, 64, 128, 256, 512, 1024 pixels (1× and 2× of 16 to 512). */
export const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

export function encodeIcns(pngs: ReadonlyMap<number, Buffer>): Buffer {
  const parts = ICNS_TYPES.map(([type, px]) => {
    const png = pngs.get(px)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export function makeIcons(outDir = ICON_DIR): string[] {
  const icon = parseIcon(fs.readFileSync(FAVICON, 'utf8'));
  const pngs = new Map<number, Buffer>();
  for (const px of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) pngs.set(px, encodePng(rasterize(icon, px), px));
  fs.mkdirSync(outDir, { recursive: true });
  const written = [
    ['icon.png', pngs.get(512)!],
    ['icon.ico', encodeIco(new Map([16, 24, 32, 48, 64, 128, 256].map((px) => [px, pngs.get(px)!])))],
    ['icon.icns', encodeIcns(pngs)],
  ] as const;
  for (const [name, data] of written) fs.writeFileSync(path.join(outDir, name), data);
  return written.map(([name]) => path.join(outDir, name));
}

if (import.meta.main) console.log(`icons written: ${makeIcons().join(', ')}`);
