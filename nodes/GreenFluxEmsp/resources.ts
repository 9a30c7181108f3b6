import type { DefinitionOf, ResourceDefinition } from '../shared/operations';

/** The operations every CRM object (customer, driver, token) has. */
export type CrmObjectOperation = 'createOrUpdate' | 'get' | 'getAll' | 'update';

/** The GreenFlux eMSP node's resources and their operations (typed pairs, as in n8n's own nodes). */
export type EmspNodeMap = {
	coupon: 'create' | 'get' | 'getAllForDriver' | 'getDriverBalance' | 'update';
	customer: CrmObjectOperation;
	driver: CrmObjectOperation;
	retailPackage: 'getAll';
	stripeConnect: 'create' | 'get' | 'getAll' | 'update';
	token: CrmObjectOperation;
};

export type EmspResource = keyof EmspNodeMap;

/** One operation of the GreenFlux eMSP node. */
export type EmspOperation = DefinitionOf<EmspNodeMap>;

/** Every resource of the eMSP node, named for what an e-mobility service provider looks for. */
export const emspResources: Array<ResourceDefinition<EmspResource>> = [
	{
		value: 'coupon',
		name: 'Coupon',
		description: 'Money, session, percentage discount and meter value coupons for drivers',
	},
	{ value: 'customer', name: 'Customer', description: 'Customers of the eMSP (CRM)' },
	{ value: 'driver', name: 'Driver', description: 'EV drivers of the eMSP (CRM)' },
	{
		value: 'retailPackage',
		name: 'Retail Package',
		description: 'Retail packages drivers are on (CRM, managed in the EV Portal)',
	},
	{
		value: 'stripeConnect',
		name: 'Stripe Connect',
		description: 'Stripe Connect configurations for card payments',
	},
	{ value: 'token', name: 'Token', description: 'Charge tokens (RFID cards) of drivers (CRM)' },
];

/** GreenFlux's Platform API modules of this node, as named in messages (e.g. a 403). */
export const MODULES = {
	crm: 'CRM',
	coupons: 'Coupons',
	stripeConnect: 'Stripe Connect',
} as const;
