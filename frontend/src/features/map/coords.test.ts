import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, toTileDatum, wgs84ToGcj02 } from './coords';
import { readMapConfig } from './map-config';

// Tiananmen: WGS-84 39.9087, 116.3975 is GCJ-02 about 39.9101, 116.4037 (published reference pair).
const wgs = { lat: 39.90872, lon: 116.39748 };

describe('GCJ-02 / WGS-84', () => {
  it('offsets a point in China by a few hundred metres, as the published formula does', () => {
    const gcj = wgs84ToGcj02(wgs);
    expect(gcj.lat).toBeCloseTo(39.91012, 3);
    expect(gcj.lon).toBeCloseTo(116.40372, 3);
  });

  it('inverts the offset to well under a metre', () => {
    for (const p of [wgs, { lat: 31.3526, lon: 118.4330 }, { lat: 22.54, lon: 114.06 }, { lat: 43.82, lon: 87.61 }]) {
      const back = gcj02ToWgs84(wgs84ToGcj02(p));
      expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-6);
      expect(Math.abs(back.lon - p.lon)).toBeLessThan(1e-6);
    }
  });

  it('leaves points outside China alone', () => {
    const paris = { lat: 48.8566, lon: 2.3522 };
    expect(outOfChina(paris)).toBe(true);
    expect(gcj02ToWgs84(paris)).toEqual(paris);
    expect(wgs84ToGcj02(paris)).toEqual(paris);
  });

  it('converts only for WGS-84 tiles', () => {
    const gcj = { lat: 31.33, lon: 118.43 };
    expect(toTileDatum(gcj, 'gcj02')).toEqual(gcj);
    expect(toTileDatum(gcj, 'wgs84').lon).not.toBeCloseTo(gcj.lon, 4);
  });
});

describe('map configuration from the page', () => {
  const doc = (tiles: string, datum = '') => ({
    querySelector: (sel: string) =>
      (sel.includes('tiles') ? { content: tiles } : sel.includes('datum') ? { content: datum } : { content: '© OSM' }) as never,
  });

  it('accepts a tile template and defaults to WGS-84', () => {
    expect(readMapConfig(doc('https://tile.example.org/{z}/{x}/{y}.png'))).toEqual({
      tileUrl: 'https://tile.example.org/{z}/{x}/{y}.png',
      datum: 'wgs84',
      attribution: '© OSM',
    });
    expect(readMapConfig(doc('/tiles/{z}/{x}/{y}.png', 'gcj02')).datum).toBe('gcj02');
  });

  it('ignores an empty or unusable template (plain background)', () => {
    expect(readMapConfig(doc('')).tileUrl).toBe('');
    expect(readMapConfig(doc('javascript:alert(1)//{z}')).tileUrl).toBe('');
    expect(readMapConfig(doc('https://x.org/tile.png')).tileUrl).toBe('');
  });
});
