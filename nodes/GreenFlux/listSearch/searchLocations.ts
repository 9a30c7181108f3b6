import { listSearchMethod } from './searchList';

/** Locations (v2) for resource locators: name, address and city, without EVSEs. */
export const searchLocations = listSearchMethod({
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
