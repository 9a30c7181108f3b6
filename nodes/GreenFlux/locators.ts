import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { asList } from '../shared/envelope';
import { entityLocator } from '../shared/fields';
import { listSearchMethod } from '../shared/listSearch';

/** Charge stations: ID and name. */
const searchChargeStations = listSearchMethod({
	module: 'Charge Stations',
	path: '/api/1.0/ChargeStations',
	// GreenFlux documents 100 as the default page size and no maximum.
	pageSize: 100,
	toResult: (station) => ({
		name: station.name
			? `${String(station.charge_station_id)} (${String(station.name)})`
			: String(station.charge_station_id),
		value: String(station.charge_station_id),
	}),
	searchText: (station) =>
		`${String(station.location_id ?? '')} ${String(station.charge_point_vendor ?? '')}`,
});

/** Locations (v2; the same IDs as v1): name, address and city, without EVSEs. */
const searchLocations = listSearchMethod({
	module: 'Locations v2',
	path: '/api/2.0/Locations',
	qs: { exclude_evses: true },
	pageSize: 1000,
	toResult: (location) => ({
		name: [location.name, location.city].filter(Boolean).join(', ') || String(location.id),
		value: String(location.id),
	}),
	searchText: (location) =>
		`${String(location.address ?? '')} ${String(location.postal_code ?? '')} ${String(location.cpo_id ?? '')}`,
});

/** The EVSEs of Locations v1 objects, each with its location's name. */
function evsesOf(data: unknown): IDataObject[] {
	return asList(data).flatMap((location) =>
		asList(location.evses).map((evse) => ({ ...evse, locationName: location.name ?? location.id })),
	);
}

/** The location chosen in the node's "Location" parameter, if any. */
function chosenLocation(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('locationId', { extractValue: true });
	return typeof value === 'string' && value.trim() !== '' && !value.startsWith('=')
		? value.trim()
		: undefined;
}

/** EVSEs (Locations v1): of the chosen location, or of every location; UID with EVSE ID and status. */
const searchEvses = listSearchMethod({
	module: 'Locations',
	path: '/api/1.0/locations',
	pageSize: 100,
	narrowed() {
		const location = chosenLocation.call(this);
		return location ? { path: `/api/1.0/locations/${encodeURIComponent(location)}` } : undefined;
	},
	entries: evsesOf,
	toResult: (evse) => ({
		name: `${String(evse.evse_id ?? evse.uid)} — ${String(evse.locationName)} (${String(evse.status ?? 'UNKNOWN')})`,
		value: String(evse.uid),
	}),
	searchText: (evse) => String(evse.physical_reference ?? ''),
});

/** List-search methods of the GreenFlux node (`methods.listSearch`), one per entity. */
export const listSearch = { searchChargeStations, searchLocations, searchEvses };

/** A list-search method of this node, for its locators. */
const locator = entityLocator<keyof typeof listSearch>;

/** A charge station picked from a searchable list or given by ID. */
export const chargeStationLocator = locator('searchChargeStations', {
	displayName: 'Charge Station',
	placeholder: 'e.g. GFX-CS-0001',
});

/** A location picked from a searchable list or given by ID. */
export const locationLocator = locator('searchLocations', {
	displayName: 'Location',
	placeholder: 'e.g. 2b4e0cba-08e6-49a6-8c4c-fa357ce576c3',
});

/** An EVSE (by UID) picked from the chosen location's EVSEs, or from every location, or given by UID. */
export const evseLocator = locator('searchEvses', {
	displayName: 'EVSE',
	placeholder: 'e.g. NL-GFX-E0001-1',
});
