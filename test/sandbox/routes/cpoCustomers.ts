import { notFound, ok, pageByOffset, type Router } from '../http';
import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';
import { answering, ClmError, jsonBody, requireArray, requireFields } from './locationsV2';

const CUSTOMER_NAMES = [
	'Parkeerbedrijf',
	'Vastgoed',
	'Logistiek',
	'Zorggroep',
	'Hotelketen',
	'Woningcorporatie',
];

interface CustomerStore {
	customers: Json[];
	/** The `cpsoIds` header of each PUT, for tests. */
	cpsoIdsReceived: Array<string | undefined>;
}

/** This module's store: three customers per seeded CPO, the same on every run. */
export function cpoCustomerStore(state: SandboxState): CustomerStore {
	return state.store('cpoCustomers', () => {
		const rand = new Random(20261103);
		const customers: Json[] = [];
		for (const cpo of state.seed.cpos) {
			for (let n = 1; n <= 3; n++) {
				const name = `${rand.pick(CUSTOMER_NAMES)} ${String(cpo.name).split(' ')[0]} ${n}`;
				const domain = `customer${n}-${String(cpo.cpo_id).toLowerCase()}.example`;
				customers.push({
					name,
					cpo_id: cpo.cpo_id,
					external_id: `${String(cpo.cpo_id)}-CUST-${String(n).padStart(2, '0')}`,
					vat_number: `NL${rand.int(100000000, 999999999)}B01`,
					properties: [{ name: 'CostCentre', value: String(rand.int(1000, 9999)) }],
					operator_details: {
						name,
						website_url: `https://www.${domain}`,
						support_email: `support@${domain}`,
					},
				});
			}
		}
		return { customers, cpsoIdsReceived: [] };
	});
}

export function findCustomer(
	state: SandboxState,
	cpoId: string,
	externalId: string,
): Json | undefined {
	return cpoCustomerStore(state).customers.find(
		(c) => c.cpo_id === cpoId && c.external_id === externalId,
	);
}

/** The writable fields of a customer (name, VAT number, properties, operator details), validated. */
function customerFields(body: Json): Json {
	requireArray(body, 'properties');
	const properties = (body.properties as Json[] | undefined) ?? [];
	properties.forEach((property, index) => {
		if (typeof property !== 'object' || property === null)
			throw new ClmError(2001, `properties[${index}] must be an object with name and value`);
	});
	const operator = body.operator_details;
	if (operator !== undefined && operator !== null) {
		if (typeof operator !== 'object' || Array.isArray(operator))
			throw new ClmError(2001, "'operator_details' must be an object");
		if (!(operator as Json).name)
			throw new ClmError(2001, "'operator_details.name' must be specified");
	}
	const fields: Json = {
		name: body.name,
		vat_number: body.vat_number,
		properties,
		operator_details: operator,
	};
	for (const key of Object.keys(fields))
		if (fields[key] === undefined || fields[key] === null) delete fields[key];
	return fields;
}

function checkPaging(query: Record<string, string>): void {
	if (query.limit !== undefined) {
		const limit = Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
			throw new ClmError(2001, `limit must be between 1 and 1000 (got ${query.limit})`);
	}
	if (query.offset !== undefined) {
		const offset = Number(query.offset);
		if (!Number.isInteger(offset) || offset < 0)
			throw new ClmError(2001, `offset must be 0 or more (got ${query.offset})`);
	}
}

/** CPO customers (charge-location management): list, create, get, update (PUT replaces the customer). */
export function registerCpoCustomerRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'cpoCustomers' as const };

	router.add(
		'GET',
		'/api/:version/CpoCustomers',
		module,
		answering((ctx) => {
			checkPaging(ctx.query);
			const customers = cpoCustomerStore(state).customers.filter(
				(c) => ctx.query.cpo_id === undefined || c.cpo_id === ctx.query.cpo_id,
			);
			pageByOffset(ctx, customers, {
				defaultLimit: 1000,
				maxLimit: 1000,
				path: `/api/${ctx.params.version}/CpoCustomers`,
			});
		}),
	);

	router.add(
		'POST',
		'/api/:version/CpoCustomers',
		module,
		answering((ctx) => {
			const body = jsonBody(ctx);
			requireFields(body, ['cpo_id', 'external_id', 'name']);
			if (!state.seed.cpos.some((c) => c.cpo_id === body.cpo_id)) {
				throw new ClmError(
					2000,
					`CPO '${String(body.cpo_id)}' is not known to this subscription (cpo_id is case sensitive)`,
				);
			}
			if (findCustomer(state, String(body.cpo_id), String(body.external_id))) {
				throw new ClmError(
					2000,
					`CPO customer '${String(body.external_id)}' already exists for CPO '${String(body.cpo_id)}'`,
				);
			}
			const { name, ...rest } = customerFields(body);
			const customer: Json = { name, cpo_id: body.cpo_id, external_id: body.external_id, ...rest };
			cpoCustomerStore(state).customers.push(customer);
			ok(ctx, customer);
		}),
	);

	router.add('GET', '/api/:version/CpoCustomers/:cpoId/:externalId', module, (ctx) => {
		const customer = findCustomer(state, ctx.params.cpoId, ctx.params.externalId);
		return customer
			? ok(ctx, customer)
			: notFound(ctx, `CPO customer ${ctx.params.externalId} of CPO ${ctx.params.cpoId}`);
	});

	router.add(
		'PUT',
		'/api/:version/CpoCustomers/:cpoId/:externalId',
		module,
		answering((ctx) => {
			const store = cpoCustomerStore(state);
			const header = ctx.req.headers.cpsoids;
			store.cpsoIdsReceived.push(Array.isArray(header) ? header.join(',') : header);
			const customer = findCustomer(state, ctx.params.cpoId, ctx.params.externalId);
			if (!customer)
				return notFound(ctx, `CPO customer ${ctx.params.externalId} of CPO ${ctx.params.cpoId}`);
			const body = jsonBody(ctx);
			for (const [field, value] of [
				['cpo_id', ctx.params.cpoId],
				['external_id', ctx.params.externalId],
			]) {
				if (body[field] !== undefined && body[field] !== value)
					throw new ClmError(2000, `'${field}' cannot be changed (the path says '${value}')`);
			}
			requireFields(body, ['name']);
			const fields = customerFields(body);
			const { name, ...rest } = fields;
			const replaced: Json = {
				name,
				cpo_id: customer.cpo_id,
				external_id: customer.external_id,
				...rest,
			};
			for (const key of Object.keys(customer)) delete customer[key];
			Object.assign(customer, replaced);
			ok(ctx, customer);
		}),
	);
}
