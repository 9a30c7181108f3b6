import type { DefinitionOf, ResourceDefinition } from '../shared/operations';

/** The GreenFlux node's resources and their operations (typed pairs, as in n8n's own nodes). */
export type PlatformNodeMap = {
	cdr: 'getAll' | 'getAllForEmsp' | 'getAllForEmspCustomer';
	certificate: 'getRoot';
	chargeStation: 'create' | 'get' | 'getAll' | 'replace' | 'update';
	chargeStationConfiguration:
		| 'batchUpdate'
		| 'getBatchHistory'
		| 'getBatchInput'
		| 'getBatchOutput'
		| 'getBatchReport'
		| 'getManyStationValues'
		| 'getStationValues';
	chargeStationNotification: 'getAll' | 'getAllForStation';
	cpoCustomer: 'create' | 'get' | 'getAll' | 'update';
	hardwareTemplate: 'create' | 'getAll';
	locationV1: 'getAll' | 'get' | 'getEvse' | 'getConnector';
	location: 'create' | 'get' | 'getAll' | 'replace' | 'update';
	meterValue: 'getAll';
	remoteCommand:
		| 'cancelReservation'
		| 'changeConfiguration'
		| 'getConfiguration'
		| 'getResult'
		| 'installCertificate'
		| 'reserveNow'
		| 'reset'
		| 'setNetworkProfile'
		| 'startSession'
		| 'stopSession'
		| 'unlockConnector';
	session: 'getAll';
	token: 'lookUp';
};

export type PlatformResource = keyof PlatformNodeMap;

/** One operation of the GreenFlux node. */
export type PlatformOperation = DefinitionOf<PlatformNodeMap>;

/** Every Platform API resource of the GreenFlux node, named after GreenFlux's modules. */
export const platformResources: Array<ResourceDefinition<PlatformResource>> = [
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
		description:
			'Read your OCPI locations with their EVSEs, connectors and live EVSE statuses (CPO data, read-only). A subscription has Locations V1 or V2, not both.',
	},
	{
		value: 'location',
		name: 'Location (V2)',
		description:
			'Create, update and replace locations (charge-location management). A subscription has Locations V1 or V2, not both.',
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
