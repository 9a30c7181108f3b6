/** Named groups of OpenAPI operations whose coverage the contract check reports. */
const CPO_DATA_PATHS = [
	'/api/{versionNumber}/cdrs',
	'/api/{versionNumber}/chargestationnotifications',
	'/api/{versionNumber}/chargestationnotifications/{chargeStationId}',
	'/api/{versionNumber}/locations',
	'/api/{versionNumber}/locations/{locationId}',
	'/api/{versionNumber}/locations/{locationId}/{evseUid}',
	'/api/{versionNumber}/locations/{locationId}/{evseUid}/{connectorId}',
	'/api/{versionNumber}/tokens',
	'/api/{versionNumber}/metervalues',
	'/api/{versionNumber}/sessions',
];

export const SCOPES = [
	{
		name: 'foundation (CDRs, Locations v1)',
		includes: (op) =>
			op.method === 'GET' &&
			CPO_DATA_PATHS.slice(0, 1).concat(CPO_DATA_PATHS.slice(3, 7)).includes(op.template),
	},
	{
		name: 'CPO data, charge-location management, remote commands',
		includes: (op) =>
			op.document === 'remote-commands.json' ||
			op.document === 'charge-location-management.json' ||
			(op.document === 'greenflux-service.json' &&
				op.method === 'GET' &&
				CPO_DATA_PATHS.includes(op.template)),
	},
	{
		name: 'Charge Assist',
		includes: (op) => op.document === 'charge-assist.json',
	},
];
