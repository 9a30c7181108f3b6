/** GreenFlux modules as the sandbox enforces them (per subscription, with read/write/delete). */
export const PLATFORM_MODULES = {
	cdr: 'CDR',
	notifications: 'Charge Station Notifications',
	locations: 'Locations',
	meterValues: 'Meter Values',
	sessions: 'Sessions',
	tokens: 'Tokens',
	chargeStations: 'Charge Stations',
	locationsV2: 'Locations v2',
	configurations: 'Charge Station Configurations',
	certificates: 'Charge Station Certificates',
	cpoCustomers: 'CPO Customers',
	remoteCommands: 'Remote Commands',
	/** Also guards the CDRs by eMSP and by eMSP customer, which the OpenAPI document tags CRM. */
	crm: 'CRM',
	coupons: 'Coupons',
	stripeConnect: 'Stripe Connect',
	smartCharging: 'Smart Charging',
} as const;

export type ModuleId = keyof typeof PLATFORM_MODULES | 'chargeAssist';
export type Permission = 'read' | 'write' | 'delete';

export interface Subscription {
	key: string;
	api: 'platform' | 'chargeAssist';
	description: string;
	modules: Partial<Record<ModuleId, Permission[]>>;
}

const ALL: Permission[] = ['read', 'write', 'delete'];
const everyModule = (permissions: Permission[]) =>
	Object.fromEntries(
		Object.keys(PLATFORM_MODULES).map((m) => [m, permissions]),
	) as Subscription['modules'];

/** The documented sandbox keys (listed in the README). */
export const SUBSCRIPTIONS: Subscription[] = [
	{
		key: 'gfx-sandbox-full',
		api: 'platform',
		description: 'Platform API, every module with read, write and delete',
		modules: everyModule(ALL),
	},
	{
		key: 'gfx-sandbox-readonly',
		api: 'platform',
		description: 'Platform API, every module read-only',
		modules: everyModule(['read']),
	},
	{
		key: 'gfx-sandbox-cdr-only',
		api: 'platform',
		description: 'Platform API, only the CDR module (read)',
		modules: { cdr: ['read'] },
	},
	{
		key: 'gfx-sandbox-locations-only',
		api: 'platform',
		description: 'Platform API, only Locations v1 and v2 (read), no CDR module',
		modules: { locations: ['read'], locationsV2: ['read'] },
	},
	{
		key: 'gfx-sandbox-emsp',
		api: 'platform',
		description:
			'Platform API, eMSP modules: CRM, Coupons and Stripe Connect (read, write, delete)',
		modules: { crm: ALL, coupons: ALL, stripeConnect: ALL },
	},
	{
		key: 'gfx-sandbox-smart-charging',
		api: 'platform',
		description: 'Platform API, only Smart Charging (read, write, delete)',
		modules: { smartCharging: ALL },
	},
	{
		key: 'gfx-sandbox-charge-assist',
		api: 'chargeAssist',
		description: 'Charge Assist API',
		modules: { chargeAssist: ALL },
	},
];

export function findSubscription(
	key: string | undefined,
	api: Subscription['api'],
): Subscription | undefined {
	return SUBSCRIPTIONS.find((s) => s.key === key && s.api === api);
}
