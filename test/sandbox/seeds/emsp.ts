import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/**
 * eMSP data derived from the seed: CRM (customers, drivers, tokens, retail packages), coupons and
 * Stripe Connect configurations. Generated on first use with a fixed random seed, so every sandbox with the
 * same anchor and scale serves the same data.
 *
 * - eMSPs: the eMSPs the seeded tokens (and so the CDRs, `emsp_external_id`) belong to: nlgfx, ptedp, gfapp.
 * - Per eMSP: every seeded token of the eMSP with its driver (`driver_external_id`); customers are the
 *   `customer_external_id`s of those tokens (each eMSP's CRM is its own namespace, so CUST-0001 can exist under
 *   several eMSPs); three retail packages. The first driver also holds three CRM-only tokens: one with
 *   `valid: false`, one that expired 30 days before the anchor, one `AllowedOffline`.
 * - Coupons per eMSP (ids `<EMSP>-<TYPE>-NN`): a money, session, discount and meter-value coupon for the first
 *   driver, an expired money coupon (not in the balance), an inactive session coupon of the second driver, and an
 *   eMSP-wide money coupon (no driverId: it applies to every driver of the eMSP).
 * - Stripe Connect: one onboarded configuration (NLGFXDEMO) and one waiting for onboarding (NLGFXCITY).
 */

/** GreenFlux's "never expires" date (year 2999). */
export const NEVER_EXPIRES = '2999-01-01T00:00:00Z';
export const SEEDED_BY = 'sandbox-seed';

export interface EmspRecord {
	emsp: Json;
	/** Keyed by lower-case id; insertion order is list order. */
	customers: Map<string, Json>;
	drivers: Map<string, Json>;
	tokens: Map<string, Json>;
	retailPackages: Json[];
}

export interface StoredCoupon {
	/** The eMSP whose path the coupon was created under. */
	emspId: string;
	coupon: Json;
}

export interface EmspStore {
	/** Keyed by lower-case eMSP id. */
	emsps: Map<string, EmspRecord>;
	/** Keyed by lower-case coupon id (coupon ids are globally unique). */
	coupons: Map<string, StoredCoupon>;
	stripeConnect: Json[];
	/** For ids of objects created through the API. */
	random: Random;
}

const EMSP_NAMES: Record<string, string> = {
	nlgfx: 'GreenFlux Mobility NL',
	ptedp: 'Carga Verde PT',
	gfapp: 'GreenFlux App Drivers',
};
const FIRST_NAMES = ['Sanne', 'Daan', 'Lotte', 'Bram', 'Noor', 'Sem', 'Inês', 'Tiago', 'Femke'];
const LAST_NAMES = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Mulder', 'Silva', 'Costa', 'Bos'];
const ADDRESSES: Record<string, Array<{ street: string; city: string; postal: string }>> = {
	NLD: [
		{ street: 'Keizersgracht', city: 'Amsterdam', postal: '1015' },
		{ street: 'Biltstraat', city: 'Utrecht', postal: '3572' },
		{ street: 'Grote Houtstraat', city: 'Haarlem', postal: '2011' },
		{ street: 'Breestraat', city: 'Leiden', postal: '2311' },
	],
	PRT: [
		{ street: 'Rua do Ouro', city: 'Lisboa', postal: '1100-060' },
		{ street: 'Rua de Santa Catarina', city: 'Porto', postal: '4000-447' },
	],
};
const RETAIL_PACKAGES = [
	{ suffix: 'STANDARD', name: 'Standard charging' },
	{ suffix: 'BUSINESS', name: 'Business fleet' },
	{ suffix: 'FLEX', name: 'Flex pay-per-use' },
];
const DAY = 86_400_000;

const key = (id: unknown) => String(id).toLowerCase();
const isoMs = (at: number) => `${new Date(at).toISOString().slice(0, 19)}Z`;

function address(rand: Random, country: string): Json {
	const place = rand.pick(ADDRESSES[country] ?? ADDRESSES.NLD);
	return {
		address: `${place.street} ${rand.int(1, 250)}`,
		postal_code:
			country === 'NLD' ? `${place.postal} ${rand.pick(['AA', 'BK', 'CS', 'HV'])}` : place.postal,
		city: place.city,
		country,
	};
}

function couponOf(fields: {
	couponId: string;
	type: 'money' | 'session' | 'discount' | 'meter-value';
	amount: number | string;
	scope: Json;
	expirationDate: string | null;
	active: boolean;
	createdOn: string;
	reason: string;
	tolerance?: string;
}): Json {
	return {
		couponId: fields.couponId,
		type: fields.type,
		sessions: fields.type === 'session' ? fields.amount : 0,
		money: fields.type === 'money' ? fields.amount : 0,
		discountRate: fields.type === 'discount' ? fields.amount : 0,
		meterValueDuration: fields.type === 'meter-value' ? fields.amount : '00:00:00',
		meterValueTolerance: fields.tolerance ?? '00:00:00',
		couponScope: fields.scope,
		expirationDate: fields.expirationDate,
		active: fields.active,
		createdOn: fields.createdOn,
		createdBy: SEEDED_BY,
		modifiedOn: fields.createdOn,
		modifiedBy: SEEDED_BY,
		reason: fields.reason,
	};
}

function seedCoupons(record: EmspRecord, anchor: number, coupons: Map<string, StoredCoupon>): void {
	const emspId = String(record.emsp.id);
	const prefix = emspId.toUpperCase();
	const [first, second] = [...record.drivers.values()];
	if (!first) return;
	const secondId = String((second ?? first).id);
	const created = (days: number) => isoMs(anchor - days * DAY);
	const driverScope = (driverId: string, cpsos: string[] | null): Json => ({
		emsp: emspId,
		driverId,
		cpsos,
	});
	const list: Json[] = [
		couponOf({
			couponId: `${prefix}-MONEY-01`,
			type: 'money',
			amount: 25,
			scope: driverScope(String(first.id), ['NLGFXDEMO']),
			expirationDate: null,
			active: true,
			createdOn: created(40),
			reason: 'Welcome credit',
		}),
		couponOf({
			couponId: `${prefix}-SESSION-01`,
			type: 'session',
			amount: 5,
			scope: driverScope(String(first.id), null),
			expirationDate: NEVER_EXPIRES,
			active: true,
			createdOn: created(35),
			reason: 'Five free sessions',
		}),
		couponOf({
			couponId: `${prefix}-DISCOUNT-01`,
			type: 'discount',
			amount: 0.15,
			scope: driverScope(String(first.id), ['NLGFXCITY']),
			expirationDate: null,
			active: true,
			createdOn: created(30),
			reason: '15 % off at City Charging',
		}),
		couponOf({
			couponId: `${prefix}-METER-01`,
			type: 'meter-value',
			amount: '01:00:00',
			tolerance: '00:05:00',
			scope: driverScope(String(first.id), ['NLGFXDEMO']),
			expirationDate: null,
			active: true,
			createdOn: created(25),
			reason: 'First hour free',
		}),
		couponOf({
			couponId: `${prefix}-MONEY-02`,
			type: 'money',
			amount: 10,
			scope: driverScope(String(first.id), null),
			expirationDate: created(30),
			active: true,
			createdOn: created(80),
			reason: 'Summer promotion (expired)',
		}),
		couponOf({
			couponId: `${prefix}-SESSION-02`,
			type: 'session',
			amount: 2,
			scope: driverScope(secondId, ['NLGFXDEMO']),
			expirationDate: null,
			active: false,
			createdOn: created(20),
			reason: 'Withdrawn goodwill sessions',
		}),
		couponOf({
			couponId: `${prefix}-MONEY-ALL`,
			type: 'money',
			amount: 5,
			scope: { emsp: emspId, driverId: '', cpsos: null },
			expirationDate: null,
			active: true,
			createdOn: created(15),
			reason: 'Credit for every driver',
		}),
	];
	for (const coupon of list) coupons.set(key(coupon.couponId), { emspId, coupon });
}

function seedStripeConnect(rand: Random, anchor: number): Json[] {
	const business = (name: string, street: string, postal: string, city: string) => ({
		name,
		street,
		postal_code: postal,
		city,
		country: 'NL',
		phone: `+3120${rand.int(1000000, 9999999)}`,
		email: `finance@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
		vat_number: `NL${rand.int(100000000, 999999999)}B01`,
		registration_number: String(rand.int(10000000, 99999999)),
	});
	return [
		{
			id: rand.uuid(),
			connection_name: 'Demo CPO payouts',
			cpsos: [{ cpso_external_id: 'NLGFXDEMO' }],
			cpo_customers: [{ cpo_customer_external_id: 'NLGFXDEMO-CUST-01', cpso_id: 'NLGFXDEMO' }],
			connect_account_id: `acct_${rand.hex(16)}`,
			application_fee_percentage: 2.5,
			created_date: isoMs(anchor - 60 * DAY),
			connected_on: isoMs(anchor - 58 * DAY),
			onboarding_url: null,
			customer_email: 'payments@demo-cpo.example',
			business_details: business('Demo CPO', 'Damrak 12', '1012 AB', 'Amsterdam'),
			enable_tax_calculation: true,
		},
		{
			id: rand.uuid(),
			connection_name: 'City Charging payouts',
			cpsos: [{ cpso_external_id: 'NLGFXCITY' }],
			cpo_customers: [],
			connect_account_id: `acct_${rand.hex(16)}`,
			application_fee_percentage: 1.75,
			created_date: isoMs(anchor - 5 * DAY),
			connected_on: null,
			onboarding_url: `https://connect.stripe.com/setup/s/sandbox-${rand.hex(12).toLowerCase()}`,
			customer_email: 'billing@city-charging.example',
			business_details: business('City Charging', 'Oudegracht 200', '3511 NR', 'Utrecht'),
			enable_tax_calculation: false,
		},
	];
}

function generate(state: SandboxState): EmspStore {
	const rand = new Random(20261201);
	const seed = state.seed;
	const anchor = seed.anchor.toMillis();
	const modifiedOn = () => isoMs(anchor - rand.int(1, 400) * DAY - rand.int(0, 86399) * 1000);
	const customerNames = new Map(seed.customers.map((c) => [String(c.external_id), String(c.name)]));
	const emsps = new Map<string, EmspRecord>();

	for (const token of seed.tokens) {
		const party = token.emsp as Json;
		const emspId = String(party.external);
		let record = emsps.get(key(emspId));
		if (!record) {
			const prefix = emspId.toUpperCase();
			record = {
				emsp: {
					id: emspId,
					name: EMSP_NAMES[emspId] ?? `${String(party.party)} eMSP`,
					country_code: party.country,
					party_id: party.party,
				},
				customers: new Map(),
				drivers: new Map(),
				tokens: new Map(),
				retailPackages: RETAIL_PACKAGES.map((p, n) => ({
					id: `${prefix}-RP-${p.suffix}`,
					name: p.name,
					modified_on_utc: isoMs(anchor - (500 - n * 30) * DAY),
					modified_by: SEEDED_BY,
				})),
			};
			emsps.set(key(emspId), record);
		}
		const country = party.country === 'PT' ? 'PRT' : 'NLD';
		const customerId = String(token.customer_external_id);
		if (!record.customers.has(key(customerId))) {
			const domain = `${customerId.toLowerCase()}.${emspId}.example`;
			record.customers.set(key(customerId), {
				id: customerId,
				name: customerNames.get(customerId) ?? customerId,
				phone_number: `+31 20 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`,
				email: `info@${domain}`,
				...address(rand, country),
				modified_on_utc: modifiedOn(),
				modified_by: SEEDED_BY,
			});
		}
		const driverId = String(token.driver_external_id);
		const first = rand.pick(FIRST_NAMES);
		const last = rand.pick(LAST_NAMES);
		record.drivers.set(key(driverId), {
			id: driverId,
			first_name: first,
			last_name: last,
			phone_number: null,
			mobile_phone_number: `+31 6 ${rand.int(10000000, 99999999)}`,
			email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, '') + `@${emspId}.example`,
			retail_package_id: rand.pick(record.retailPackages).id,
			...address(rand, country),
			customer_id: customerId,
			energy_contract: record.drivers.size % 3 === 0 ? `EC-${rand.int(100000, 999999)}` : null,
			modified_on_utc: modifiedOn(),
			modified_by: SEEDED_BY,
		});
		record.tokens.set(key(token.uid), {
			uid: token.uid,
			auth_id: token.auth_id,
			visual_number: token.visual_number,
			valid: true,
			expiration_date: NEVER_EXPIRES,
			roaming_allowed: record.tokens.size % 5 !== 4,
			whitelist_type: 'Always',
			driver_id: driverId,
			customer_id: customerId,
			modified_on_utc: modifiedOn(),
			modified_by: SEEDED_BY,
		});
	}

	for (const record of emsps.values()) {
		const driver = record.drivers.values().next().value as Json | undefined;
		if (!driver) continue;
		const { country_code: country, party_id: party } = record.emsp;
		const extra = [
			{ valid: false, expiration_date: NEVER_EXPIRES, whitelist_type: 'Never' },
			{ valid: true, expiration_date: isoMs(anchor - 30 * DAY), whitelist_type: 'Always' },
			{
				valid: true,
				expiration_date: isoMs(anchor + 3 * 365 * DAY),
				whitelist_type: 'AllowedOffline',
			},
		];
		extra.forEach((fields, n) => {
			const uid = rand.hex(14);
			record.tokens.set(key(uid), {
				uid,
				auth_id: `${String(country)}-${String(party)}-C${rand.hex(6)}-${n}`,
				visual_number: `${String(country)}-${String(party)}-9${String(n).padStart(5, '0')}`,
				valid: fields.valid,
				expiration_date: fields.expiration_date,
				roaming_allowed: false,
				whitelist_type: fields.whitelist_type,
				driver_id: driver.id,
				customer_id: driver.customer_id,
				modified_on_utc: modifiedOn(),
				modified_by: SEEDED_BY,
			});
		});
	}

	const coupons = new Map<string, StoredCoupon>();
	for (const record of emsps.values()) seedCoupons(record, anchor, coupons);
	return {
		emsps,
		coupons,
		// Own random source: the Stripe Connect ids stay the same at every scale.
		stripeConnect: seedStripeConnect(new Random(20261203), anchor),
		random: new Random(20261202),
	};
}

/** This data's store (created on first use). */
export function emspStore(state: SandboxState): EmspStore {
	return state.store('emsp', () => generate(state));
}

export function findEmsp(state: SandboxState, emspId: string): EmspRecord | undefined {
	return emspStore(state).emsps.get(key(emspId));
}

export const idKey = key;
