import { listSearchMethod } from './searchList';

/** Charge stations for resource locators: ID and name. */
export const searchChargeStations = listSearchMethod({
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
