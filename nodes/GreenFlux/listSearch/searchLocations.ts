import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList } from './searchList';

/** Locations (v2) for resource locators: name, address and city, without EVSEs. */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(
		this,
		{
			module: 'Locations v2',
			path: '/api/2.0/Locations',
			qs: { exclude_evses: true },
			pageSize: 1000,
			toResult: (location) => ({
				name: [location.name, location.city].filter(Boolean).join(', ') || String(location.id),
				value: String(location.id),
			}),
			searchText: (location) => `${String(location.address ?? '')} ${String(location.postal_code ?? '')} ${String(location.cpo_id ?? '')}`,
		},
		filter,
		paginationToken,
	);
}
