import type { PlatformOperation } from '../resources';
import { dateFromField, dateToField, pathField, pathLocatorField } from '../../shared/fields';
import { evseLocator, locationLocator } from '../locators';

const locationId = pathLocatorField(locationLocator('locationId', { displayName: 'Location ID' }));
const evseUid = pathLocatorField(evseLocator('evseUid', { displayName: 'EVSE UID' }));
const connectorId = pathField('connectorId', 'Connector ID', 'connectorId', {
	placeholder: 'e.g. 1',
});

const v1 = { resource: 'locationV1' as const, module: 'Locations', method: 'GET' as const };

export const locationV1Operations: PlatformOperation[] = [
	{
		...v1,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many locations (v1)',
		description:
			'Get OCPI locations with their EVSEs and connectors. Locations without EVSEs are not returned.',
		path: '/api/1.0/locations',
		fields: [
			dateFromField('Only locations (or their EVSEs and connectors) updated at or after this time'),
			dateToField('Only locations updated before this time'),
		],
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			maxPageSize: 1000,
			fileOutput: { name: 'locations' },
		},
	},
	{
		...v1,
		operation: 'get',
		name: 'Get',
		action: 'Get a location (v1)',
		description: 'Get one OCPI location with its EVSEs and connectors',
		path: '/api/1.0/locations/{locationId}',
		fields: [locationId],
	},
	{
		...v1,
		operation: 'getEvse',
		name: 'Get EVSE',
		action: 'Get an EVSE of a location (v1)',
		description: 'Get one EVSE of a location, with its connectors and status',
		path: '/api/1.0/locations/{locationId}/{evseUid}',
		fields: [locationId, evseUid],
	},
	{
		...v1,
		operation: 'getConnector',
		name: 'Get Connector',
		action: 'Get a connector of an EVSE (v1)',
		description: 'Get one connector of an EVSE',
		path: '/api/1.0/locations/{locationId}/{evseUid}/{connectorId}',
		fields: [locationId, evseUid, connectorId],
	},
];
