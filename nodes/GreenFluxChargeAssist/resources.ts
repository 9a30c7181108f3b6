import type { DefinitionOf, ResourceDefinition } from '../shared/operations';

/** The Charge Assist node's resources and their operations (typed pairs, as in n8n's own nodes). */
export type ChargeAssistNodeMap = {
	account: 'mapUserAndDrivers';
	appToken: 'get' | 'register';
	autocharge: 'changePaymentMethod' | 'deregister' | 'register';
	failedPayment: 'getAll' | 'retry';
	favorite: 'add' | 'getAll' | 'remove';
	location:
		| 'get'
		| 'getAll'
		| 'getAvailability'
		| 'getByEvse'
		| 'getInBoundingBox'
		| 'getInBoundingBoxMinimal'
		| 'getNearby'
		| 'getTile'
		| 'search';
	locationRating: 'create' | 'getOptions';
	paymentMethod:
		| 'addChargeCard'
		| 'addExternal'
		| 'addPsp'
		| 'delete'
		| 'getWallet'
		| 'linkChargeCard'
		| 'unlinkChargeCard';
	paymentStatus: 'report';
	privateLocation: 'getAll';
	qrCode: 'resolve';
	serviceStatus: 'get';
	session:
		| 'getExternalCdr'
		| 'getHistory'
		| 'getStatus'
		| 'requestHighPriority'
		| 'setMileage'
		| 'start'
		| 'stop';
	sessionRating: 'addFeedback' | 'create' | 'get' | 'getOptions' | 'rate';
	tariff: 'getBulk' | 'getDefault' | 'getForEvse';
};

export type ChargeAssistResource = keyof ChargeAssistNodeMap;

/** One operation of the Charge Assist node. */
export type ChargeAssistOperation = DefinitionOf<ChargeAssistNodeMap>;

/** Every Charge Assist resource, named for what a driver-app builder looks for. */
export const chargeAssistResources: Array<ResourceDefinition<ChargeAssistResource>> = [
	{ value: 'account', name: 'Account', description: 'Map a user account to drivers' },
	{ value: 'appToken', name: 'App Token', description: 'Register and read drivers (app tokens)' },
	{ value: 'autocharge', name: 'Autocharge (VID)', description: 'Plug-and-charge by vehicle ID' },
	{
		value: 'failedPayment',
		name: 'Failed Payment',
		description: 'Session payments that failed, and retries',
	},
	{ value: 'favorite', name: 'Favorite', description: "A driver's favourite locations" },
	{
		value: 'location',
		name: 'Location',
		description: 'Find charge locations, EVSEs and their availability',
	},
	{ value: 'locationRating', name: 'Location Rating', description: 'Drivers rating locations' },
	{
		value: 'paymentMethod',
		name: 'Payment Method',
		description: 'The wallet: charge cards, external and PSP payment methods',
	},
	{
		value: 'paymentStatus',
		name: 'Payment Status',
		description: "Report a payment's outcome to Charge Assist (the inbound PSP webhook)",
	},
	{
		value: 'privateLocation',
		name: 'Private Location',
		description: "A driver's private chargers",
	},
	{ value: 'qrCode', name: 'QR Code', description: 'Resolve the QR code on a charge station' },
	{
		value: 'serviceStatus',
		name: 'Service Status',
		description: 'Whether Charge Assist is available',
	},
	{
		value: 'session',
		name: 'Session',
		description: "Start, stop and follow charging sessions, and a driver's session history",
	},
	{
		value: 'sessionRating',
		name: 'Session Rating',
		description: 'Drivers rating finished sessions',
	},
	{ value: 'tariff', name: 'Tariff', description: 'Prices per EVSE and payment method' },
];

/** What every Charge Assist definition shares: the profile and the module named in messages. */
export const CHARGE_ASSIST = { api: 'chargeAssist', module: 'Charge Assist' } as const;
