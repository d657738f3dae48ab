import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, encodePng, FAVICON, ICNS_TYPES, makeIcons, parseIcon, rasterize } from './make-icons.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'icons-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const icon = parseIcon(fs.readFileSync(FAVICON, 'utf8'));
const pixel = (rgba: Buffer, px: number, x: number, y: number) => [...rgba.subarray((y * px + x) * 4, (y * px + x) * 4 + 4)];

describe('icons drawn from the favicon', () => {
  it('reads its rounded square, three candle bodies and their wicks', () => {
    expect(icon.size).toBe(32);
    expect(icon.boxes[0]).toEqual({ x0: 0, y0: 0, x1: 32, y1: 32, rx: 6, color: [0x0f, 0x14, 0x1a, 255] });
    // The first path's `M8 12h0` is a zero-length stroke: nothing; its `V12` is the 3-wide wick.
    expect(icon.boxes.filter((b) => b.color[0] === 0x26)).toContainEqual({ x0: 6.5, x1: 9.5, y0: 12, y1: 22, rx: 0, color: [0x26, 0xa6, 0x9a, 255] });
    expect(icon.boxes).toHaveLength(7);
  });

  it('paints the favicon’s colours where its shapes are, and leaves the rounded corners clear', () => {
    const px = 64;
    const rgba = rasterize(icon, px);
    expect(pixel(rgba, px, 0, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, px, 32, 62)).toEqual([0x0f, 0x14, 0x1a, 255]);
    expect(pixel(rgba, px, 32, 26)).toEqual([0xef, 0x53, 0x50, 255]);
    expect(pixel(rgba, px, 48, 34)).toEqual([0x26, 0xa6, 0x9a, 255]);
    // The corner's edge pixel is partly covered: anti-aliased, not a hard step.
    const corner = Array.from({ length: 12 * 12 }, (_, k) => pixel(rgba, px, k % 12, Math.floor(k / 12))[3]!);
    expect(corner.filter((a) => a > 0 && a < 255).length).toBeGreaterThan(5);
  });

  it('writes a PNG any decoder reads, an ICO with a 256 entry and an ICNS whose lengths add up', () => {
    const png = encodePng(rasterize(icon, 16), 16);
    const idat = png.indexOf('IDAT');
    const raw = zlib.inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(raw).toHaveLength(16 * (16 * 4 + 1));
    expect(zlib.crc32(png.subarray(12, 29)) >>> 0).toBe(png.readUInt32BE(29));
    const ico = encodeIco(new Map([[16, png], [256, png]]));
    expect([ico[6], ico[22]]).toEqual([16, 0]);
    expect(ico.readUInt32LE(6 + 16 + 12) + ico.readUInt32LE(6 + 16 + 8)).toBe(ico.length);
    const pngs = new Map(ICNS_TYPES.map(([, px]) => [px, png]));
    const icns = encodeIcns(pngs);
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(8, 12).toString()).toBe('ic11');
  });

  it('regenerates the three files the installers name', () => {
    const written = makeIcons(tmp);
    expect(written.map((f) => path.basename(f))).toEqual(['icon.png', 'icon.ico', 'icon.icns']);
    for (const f of written) expect(fs.statSync(f).size).toBeGreaterThan(1000);
  }, 60_000);
});
