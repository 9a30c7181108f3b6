import type { Json } from '../../seed';
import type { CaLocation } from '../seedLocations';

/** A web-map tile (slippy-map numbering, 256 px) and the cluster cell size in pixels. */
export interface Tile {
	x: number;
	y: number;
	zoom: number;
	overlap: number;
}

const TILE_PX = 256;

/** The pixel of a coordinate inside the tile (may fall outside 0–255 when not on the tile). */
function pixelOf(tile: Tile, lat: number, lng: number): { px: number; py: number } {
	const world = TILE_PX * 2 ** tile.zoom;
	const sin = Math.sin((lat * Math.PI) / 180);
	const px = ((lng + 180) / 360) * world;
	const py = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world;
	return { px: px - tile.x * TILE_PX, py: py - tile.y * TILE_PX };
}

function statusOf(statuses: string[]): string {
	const available = statuses.filter((s) => s === 'AVAILABLE').length;
	if (statuses.length === 0) return 'UNKNOWN';
	if (available === statuses.length) return 'AVAILABLE';
	if (available > 0) return 'SEMI_AVAILABLE';
	if (statuses.every((s) => s === 'OUTOFORDER' || s === 'INOPERATIVE')) return 'INOPERATIVE';
	return 'UN_AVAILABLE';
}

/** `LocationPoiResult` clusters: the tile's locations grouped per `overlap`-pixel cell. */
export function poiClusters(
	locations: CaLocation[],
	tile: Tile,
	statusesOf: (location: CaLocation) => string[],
): Json[] {
	const cells = new Map<string, Array<{ location: CaLocation; px: number; py: number }>>();
	for (const location of locations) {
		const { px, py } = pixelOf(tile, location.latitude, location.longitude);
		if (px < 0 || py < 0 || px >= TILE_PX || py >= TILE_PX) continue;
		const key = `${Math.floor(px / tile.overlap)}:${Math.floor(py / tile.overlap)}`;
		cells.set(key, [...(cells.get(key) ?? []), { location, px, py }]);
	}
	return [...cells.values()].map((members) => {
		const count = members.length;
		const statuses = members.flatMap((m) => statusesOf(m.location));
		const samePlace = members.every(
			(m) =>
				m.location.latitude === members[0].location.latitude &&
				m.location.longitude === members[0].location.longitude,
		);
		const mean = (pick: (m: (typeof members)[number]) => number) =>
			members.reduce((sum, m) => sum + pick(m), 0) / count;
		return {
			lat: mean((m) => m.location.latitude),
			lon: mean((m) => m.location.longitude),
			count,
			dCount: count > 99 ? '99+' : String(count),
			locationIds: count === 1 || samePlace ? members.map((m) => m.location.id) : [],
			type: count === 1 ? 'ChargeStation' : 'Cluster',
			x: Math.round(mean((m) => m.px)),
			y: Math.round(mean((m) => m.py)),
			status: statusOf(statuses),
			evsAvailCnt: statuses.filter((s) => s === 'AVAILABLE').length,
			evsCnt: statuses.length,
		};
	});
}
