import type { ResourceDefinition } from '../shared/operations';

/** Every Platform API resource of the GreenFlux node, named after GreenFlux's modules. */
export const platformResources: ResourceDefinition[] = [
	{ value: 'cdr', name: 'CDR', description: 'Charge detail records (CPO data)' },
	{
		value: 'certificate',
		name: 'Certificate',
		description: 'GreenFlux root certificate for charge stations',
	},
	{
		value: 'chargeStation',
		name: 'Charge Station',
		description: 'Charge stations (charge-location management)',
	},
	{
		value: 'chargeStationConfiguration',
		name: 'Charge Station Configuration',
		description: 'OCPP configuration keys of charge stations',
	},
	{
		value: 'chargeStationNotification',
		name: 'Charge Station Notification',
		description: 'OCPP messages of charge stations (CPO data)',
	},
	{
		value: 'cpoCustomer',
		name: 'CPO Customer',
		description: 'Customers of a CPO (charge-location management)',
	},
	{
		value: 'hardwareTemplate',
		name: 'Hardware Template',
		description: 'Charge station hardware templates',
	},
	{
		value: 'locationV1',
		name: 'Location (V1)',
		description: 'OCPI locations with EVSEs and connectors (CPO data)',
	},
	{
		value: 'location',
		name: 'Location (V2)',
		description: 'Locations (charge-location management)',
	},
	{
		value: 'meterValue',
		name: 'Meter Value',
		description: 'Meter values of charging sessions (CPO data)',
	},
	{
		value: 'remoteCommand',
		name: 'Remote Command',
		description: 'Start, stop, reset, unlock and configure charge stations',
	},
	{ value: 'session', name: 'Session', description: 'Completed charging sessions (CPO data)' },
	{ value: 'token', name: 'Token', description: 'Look up charge tokens (CPO data)' },
];
