import { ok, type Router } from '../http';
import type { Json } from '../seed';
import { emspStore, idKey } from '../seeds/emsp';
import type { SandboxState } from '../state';
import { ClmError, jsonBody, requireFields } from './locationsV2';
import { answeringEmsp, EmspNotFound } from './crm';

/**
 * Stripe Connect configurations: list, create, get, update (the connection name cannot change). OCPI envelopes;
 * validation errors HTTP 200 + 2001, a duplicate connection name HTTP 200 + 2000, an unknown id HTTP 404.
 * A new configuration waits for Stripe onboarding (`connected_on` null, an `onboarding_url`);
 * POST /__sandbox/stripeconnect/{id}/onboarded completes it.
 */

const BUSINESS_REQUIRED = [
	'name',
	'street',
	'postal_code',
	'city',
	'country',
	'email',
	'vat_number',
];
const BUSINESS_FIELDS = [
	...BUSINESS_REQUIRED.slice(0, 5),
	'phone',
	'email',
	'vat_number',
	'registration_number',
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function findStripeConnect(state: SandboxState, id: string): Json {
	const config = emspStore(state).stripeConnect.find((c) => idKey(c.id) === idKey(id));
	if (!config) throw new EmspNotFound(`Stripe Connect configuration ${id}`);
	return config;
}

/** Numbers and booleans may arrive as strings (GreenFlux's own examples send "2.5" and "true"). */
function numberOf(value: unknown, field: string): number | null {
	if (value === null) return null;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 100)
		throw new ClmError(
			2001,
			`'${field}' must be a percentage between 0 and 100 (got ${JSON.stringify(value)})`,
		);
	return number;
}

function booleanOf(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new ClmError(2001, `'${field}' must be true or false (got ${JSON.stringify(value)})`);
}

function listOf(value: unknown, field: string, required: string[]): Json[] | null {
	if (value === null) return null;
	if (!Array.isArray(value)) throw new ClmError(2001, `'${field}' must be an array`);
	return value.map((item, index) => {
		if (typeof item !== 'object' || item === null)
			throw new ClmError(2001, `'${field}[${index}]' must be an object`);
		const missing = required.find(
			(key) => typeof (item as Json)[key] !== 'string' || !(item as Json)[key],
		);
		if (missing) throw new ClmError(2001, `'${field}[${index}].${missing}' must be specified`);
		return Object.fromEntries(required.map((key) => [key, (item as Json)[key]]));
	});
}

function businessOf(value: unknown): Json | null {
	if (value === null) return null;
	if (typeof value !== 'object' || Array.isArray(value))
		throw new ClmError(2001, "'business_details' must be an object");
	const details = value as Json;
	const missing = BUSINESS_REQUIRED.find(
		(key) => typeof details[key] !== 'string' || !details[key],
	);
	if (missing) throw new ClmError(2001, `'business_details.${missing}' must be specified`);
	if (!EMAIL.test(String(details.email)))
		throw new ClmError(
			2001,
			`'business_details.email' is not an e-mail address: ${String(details.email)}`,
		);
	return Object.fromEntries(BUSINESS_FIELDS.map((key) => [key, details[key] ?? null]));
}

/** The updatable fields present in the body, validated. */
function updatableFields(body: Json): Json {
	const fields: Json = {};
	if (body.cpsos !== undefined) fields.cpsos = listOf(body.cpsos, 'cpsos', ['cpso_external_id']);
	if (body.cpo_customers !== undefined)
		fields.cpo_customers = listOf(body.cpo_customers, 'cpo_customers', [
			'cpo_customer_external_id',
			'cpso_id',
		]);
	if (body.application_fee_percentage !== undefined)
		fields.application_fee_percentage = numberOf(
			body.application_fee_percentage,
			'application_fee_percentage',
		);
	if (body.customer_email !== undefined) {
		if (body.customer_email !== null && !EMAIL.test(String(body.customer_email)))
			throw new ClmError(
				2001,
				`'customer_email' is not an e-mail address: ${String(body.customer_email)}`,
			);
		fields.customer_email = body.customer_email;
	}
	if (body.business_details !== undefined)
		fields.business_details = businessOf(body.business_details);
	if (body.enable_tax_calculation !== undefined)
		fields.enable_tax_calculation = booleanOf(
			body.enable_tax_calculation,
			'enable_tax_calculation',
		);
	return fields;
}

export function registerStripeConnectRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'stripeConnect' as const };
	const configs = () => emspStore(state).stripeConnect;

	router.add(
		'GET',
		'/api/:version/stripeconnect',
		module,
		answeringEmsp((ctx) => ok(ctx, configs())),
	);
	router.add(
		'POST',
		'/api/:version/stripeconnect',
		module,
		answeringEmsp((ctx) => {
			const body = jsonBody(ctx);
			requireFields(body, ['connection_name']);
			if (typeof body.connection_name !== 'string')
				throw new ClmError(2001, "'connection_name' must be a string");
			const fields = updatableFields(body);
			if (configs().some((c) => idKey(c.connection_name) === idKey(body.connection_name)))
				throw new ClmError(
					2000,
					`A Stripe Connect configuration named '${body.connection_name}' already exists`,
				);
			const random = emspStore(state).random;
			const config: Json = {
				id: random.uuid(),
				connection_name: body.connection_name,
				cpsos: fields.cpsos ?? [],
				cpo_customers: fields.cpo_customers ?? [],
				connect_account_id: `acct_${random.hex(16)}`,
				application_fee_percentage: fields.application_fee_percentage ?? null,
				created_date: `${new Date().toISOString().slice(0, 19)}Z`,
				connected_on: null,
				onboarding_url: `https://connect.stripe.com/setup/s/sandbox-${random.hex(12).toLowerCase()}`,
				customer_email: fields.customer_email ?? null,
				business_details: fields.business_details ?? null,
				enable_tax_calculation: fields.enable_tax_calculation ?? false,
			};
			configs().push(config);
			ok(ctx, config);
		}),
	);
	router.add(
		'GET',
		'/api/:version/stripeconnect/:id',
		module,
		answeringEmsp((ctx) => ok(ctx, findStripeConnect(state, ctx.params.id))),
	);
	router.add(
		'PUT',
		'/api/:version/stripeconnect/:id',
		module,
		answeringEmsp((ctx) => {
			const config = findStripeConnect(state, ctx.params.id);
			const body = jsonBody(ctx);
			if (body.connection_name !== undefined && body.connection_name !== config.connection_name)
				throw new ClmError(
					2001,
					`'connection_name' cannot be changed (it is '${String(config.connection_name)}')`,
				);
			Object.assign(config, updatableFields(body));
			ok(ctx, config);
		}),
	);
}
