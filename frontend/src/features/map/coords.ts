/**
 * GCJ-02 (the "Mars" datum of Chinese maps, which our data uses) to WGS-84 (GPS, OpenStreetMap tiles).
 * The forward offset is the published obfuscation formula; the inverse is found by fixed-point iteration,
 * which converges to well under a metre in a few steps. Outside China both datums coincide.
 */
export interface LatLon {
  lat: number;
  lon: number;
}

const A = 6378245.0;
const EE = 0.00669342162296594323;

export function outOfChina({ lat, lon }: LatLon): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02(p: LatLon): LatLon {
  if (outOfChina(p)) return { ...p };
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(p.lon - 105.0, p.lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (transformLon(p.lon - 105.0, p.lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lon: p.lon + dLon };
}

/** GCJ-02 → WGS-84 (iterative inverse of {@link wgs84ToGcj02}). */
export function gcj02ToWgs84(p: LatLon): LatLon {
  if (outOfChina(p)) return { ...p };
  let guess = { lat: p.lat, lon: p.lon };
  for (let i = 0; i < 10; i++) {
    const there = wgs84ToGcj02(guess);
    const dLat = there.lat - p.lat;
    const dLon = there.lon - p.lon;
    guess = { lat: guess.lat - dLat, lon: guess.lon - dLon };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLon) < 1e-9) break;
  }
  return guess;
}

export type TileDatum = 'wgs84' | 'gcj02';

/** Where to draw a GCJ-02 point on tiles of the given datum. */
export function toTileDatum(p: LatLon, datum: TileDatum): LatLon {
  return datum === 'wgs84' ? gcj02ToWgs84(p) : { ...p };
}

/** Back from the map's datum to GCJ-02 (a map pin, a viewport box). */
export function fromTileDatum(p: LatLon, datum: TileDatum): LatLon {
  return datum === 'wgs84' ? wgs84ToGcj02(p) : { ...p };
}
