import type { TileDatum } from './coords';

/**
 * The tile source is configured by the server in the page's meta tags (kepu-map-tiles, -datum,
 * -attribution), so operators can point at their own tiles without a rebuild. No URL: markers on a
 * plain background. The data is GCJ-02; WGS-84 tiles (OpenStreetMap and most others) need conversion.
 */
export interface MapConfig {
  tileUrl: string;
  datum: TileDatum;
  attribution: string;
}

export function readMapConfig(doc: Pick<Document, 'querySelector'> = document): MapConfig {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() ?? '';
  const url = meta('kepu-map-tiles');
  return {
    tileUrl: /^(https?:\/\/|\/)[^\s"]*\{z\}[^\s"]*$/.test(url) ? url : '',
    datum: meta('kepu-map-datum') === 'gcj02' ? 'gcj02' : 'wgs84',
    attribution: meta('kepu-map-attribution'),
  };
}
