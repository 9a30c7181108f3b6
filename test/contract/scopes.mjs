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
		name: 'all Platform operations',
		includes: (op) => op.document !== 'charge-assist.json',
	},
	{
		name: 'Charge Assist',
		includes: (op) => op.document === 'charge-assist.json',
	},
	{
		name: 'Smart Charging',
		includes: (op) =>
			op.document === 'greenflux-service.json' && SMART_CHARGING_TAGS.includes(op.tag),
	},
	{
		// The GreenFlux eMSP node; the two CRM-tagged CDRs by eMSP / by eMSP customer are the GreenFlux node's.
		name: 'eMSP: CRM, coupons, Stripe Connect',
		includes: (op) =>
			op.document === 'greenflux-service.json' &&
			(op.tag === 'CRM' || op.tag === 'Coupons' || op.tag === 'StripeConnect'),
	},
];

/** The OpenAPI tags of the Smart Charging module (the GreenFlux Smart Charging node covers them all). */
const SMART_CHARGING_TAGS = [
	'Capacity Groups',
	'Algorithms',
	'Smappee Meters',
	'Smart Charging Dynamic Scenarios',
	'Smart Charging Reporting',
	'Reporting',
	'Priority',
];
