import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { t } from '../../i18n';
import { fromTileDatum, toTileDatum, type LatLon } from './coords';
import { readMapConfig } from './map-config';

/** Loaded only by pages with a map (a dynamic import), so Leaflet never weighs on the others. */
export interface Cluster {
  lat: number;
  lon: number;
  count: number;
  id?: string;
}

export interface Viewport {
  /** minLon,minLat,maxLon,maxLat in GCJ-02, as the map endpoint wants it. */
  bbox: string;
  zoom: number;
}

export interface MapView {
  showClusters(clusters: Cluster[], titleOf?: (c: Cluster) => string): void;
  showPoint(p: LatLon, label: string): void;
  viewport(): Viewport;
  onMove(listener: (v: Viewport) => void): void;
  fitPoint(p: LatLon, zoom: number): void;
  /** Map clicks, as GCJ-02 points (a map pin for the activity form). */
  onClick(listener: (p: LatLon) => void): void;
  destroy(): void;
}

const CHINA: [[number, number], [number, number]] = [
  [18, 73],
  [54, 135],
];

export function createMap(host: HTMLElement, label: string): MapView {
  const config = readMapConfig();
  host.classList.add('map');
  host.setAttribute('role', 'region');
  host.setAttribute('aria-label', label);
  const map = L.map(host, { zoomControl: true, attributionControl: true, fadeAnimation: false, zoomAnimation: !document.documentElement.classList.contains('elder') });
  map.attributionControl.setPrefix(false);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution, crossOrigin: true }).addTo(map);
  } else {
    host.classList.add('map-plain');
  }
  map.fitBounds(CHINA);
  const layer = L.layerGroup().addTo(map);
  const draw = (p: LatLon) => {
    const q = toTileDatum(p, config.datum);
    return L.latLng(q.lat, q.lon);
  };

  function marker(p: LatLon, text: string, title: string, href?: string): L.Marker {
    const m = L.marker(draw(p), {
      icon: L.divIcon({ className: href ? 'map-pin is-one' : 'map-pin', html: '', iconSize: [36, 36] }),
      title,
      keyboard: true,
      riseOnHover: false,
    });
    m.on('add', () => {
      const el = m.getElement();
      if (!el) return;
      el.textContent = text;
      el.setAttribute('aria-label', title);
    });
    return m;
  }

  return {
    showClusters(clusters, titleOf) {
      layer.clearLayers();
      for (const c of clusters) {
        const one = c.count === 1 && c.id;
        const title = titleOf?.(c) ?? (one ? t('map.one') : t('map.cluster', { count: c.count }));
        const m = marker(c, c.count > 999 ? '999+' : String(c.count), title, one ? `/activities/${c.id}` : undefined);
        m.on('click keypress', (e: L.LeafletEvent) => {
          const key = (e as L.LeafletKeyboardEvent).originalEvent?.key;
          if (e.type === 'keypress' && key !== 'Enter' && key !== ' ') return;
          if (one) location.assign(`/activities/${c.id}`);
          else map.setView(draw(c), Math.min(map.getZoom() + 2, 18));
        });
        m.addTo(layer);
      }
    },
    showPoint(p, label) {
      layer.clearLayers();
      marker(p, '●', label).addTo(layer);
      map.setView(draw(p), 14);
    },
    viewport() {
      const b = map.getBounds();
      const sw = fromTileDatum({ lat: b.getSouth(), lon: b.getWest() }, config.datum);
      const ne = fromTileDatum({ lat: b.getNorth(), lon: b.getEast() }, config.datum);
      const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v)).toFixed(4);
      return {
        bbox: [clamp(sw.lon, -180, 180), clamp(sw.lat, -90, 90), clamp(ne.lon, -180, 180), clamp(ne.lat, -90, 90)].join(','),
        zoom: Math.max(0, Math.min(22, Math.round(map.getZoom()))),
      };
    },
    onMove(listener) {
      map.on('moveend', () => listener(this.viewport()));
    },
    fitPoint(p, zoom) {
      map.setView(draw(p), zoom);
    },
    onClick(listener) {
      map.on('click', (e: L.LeafletMouseEvent) => listener(fromTileDatum({ lat: e.latlng.lat, lon: e.latlng.lng }, config.datum)));
    },
    destroy() {
      map.remove();
    },
  };
}
