import { notFound, ocpiError, ok, type Query, type RouteContext, type Router } from '../http';
import type { Json } from '../seed';
import { type EmspRecord, findEmsp, idKey, NEVER_EXPIRES } from '../seeds/emsp';
import type { SandboxState } from '../state';
import { checkDateQuery, ClmError, jsonBody, requireFields } from './locationsV2';

/**
 * CRM module (eMSP): customers, drivers, tokens (PUT = upsert, no DELETE), retail packages (read-only), and the
 * CDRs by eMSP / by eMSP customer, which the OpenAPI document tags CRM, so the CRM module guards them.
 * OCPI envelopes; validation errors are HTTP 200 + 2001, references to unknown objects HTTP 200 + 2000,
 * an unknown eMSP or object HTTP 404 + 2003.
 */

/** An unknown eMSP or object in the path: answered as HTTP 404. */
export class EmspNotFound extends Error {}

/** Like `answering`, plus an unsupported versionNumber → HTTP 400 + 2001 and EmspNotFound → 404. */
export function answeringEmsp(
	handler: (ctx: RouteContext) => void,
	versions = ['1.0'],
): (ctx: RouteContext) => void {
	return (ctx) => {
		try {
			if (!versions.includes(ctx.params.version))
				return ocpiError(ctx, 2001, `Unsupported versionNumber ${ctx.params.version}`, 400);
			handler(ctx);
		} catch (error) {
			if (error instanceof EmspNotFound) return notFound(ctx, error.message);
			if (error instanceof ClmError) return ocpiError(ctx, error.code, error.message);
			ocpiError(ctx, 3000, `Sandbox error: ${(error as Error).message}`, 500);
		}
	};
}

export function emspOf(state: SandboxState, emspId: string): EmspRecord {
	const record = findEmsp(state, emspId);
	if (!record) throw new EmspNotFound(`eMSP ${emspId}`);
	return record;
}

/** limit (default 100, 1 or more, capped at 1000) and offset (0 or more); anything else → 2001. */
export function pagingOf(query: Query, defaultLimit = 100): { limit: number; offset: number } {
	const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(limit) || limit < 1)
		throw new ClmError(2001, `limit must be a whole number of 1 or more (got ${query.limit})`);
	if (!Number.isInteger(offset) || offset < 0)
		throw new ClmError(2001, `offset must be a whole number of 0 or more (got ${query.offset})`);
	return { limit: Math.min(limit, 1000), offset };
}

/** One offset page with the OCPI `Link` (next), `X-Total-Count` and `X-Limit` headers. */
export function sendOffsetPage(
	ctx: RouteContext,
	page: unknown[],
	total: number,
	paging: { limit: number; offset: number },
	path: string,
): void {
	const headers: Record<string, string> = {
		'X-Total-Count': String(total),
		'X-Limit': String(paging.limit),
	};
	if (paging.offset + paging.limit < total) {
		const next = new URLSearchParams({
			...ctx.query,
			offset: String(paging.offset + paging.limit),
			limit: String(paging.limit),
		});
		headers.Link = `<${path}?${next.toString()}>; rel="next"`;
	}
	ok(ctx, page, headers);
}

function pageOf(ctx: RouteContext, items: Json[], path: string): void {
	const paging = pagingOf(ctx.query);
	const page = items.slice(paging.offset, paging.offset + paging.limit);
	sendOffsetPage(ctx, page, items.length, paging, path);
}

// ---------------------------------------------------------------------------------------------
// CDRs by eMSP and by eMSP customer
// ---------------------------------------------------------------------------------------------

interface CdrList {
	cdrs: Json[];
	/** last_updated of each CDR in ms (ascending), for binary search. */
	times: number[];
}

/** Visible CDRs grouped once per eMSP and per eMSP + customer, in the order /cdrs serves them. */
function cdrIndex(state: SandboxState): Map<string, CdrList> {
	return state.store('crm.cdrIndex', () => {
		const index = new Map<string, CdrList>();
		const add = (key: string, cdr: Json) => {
			let list = index.get(key);
			if (!list) index.set(key, (list = { cdrs: [], times: [] }));
			list.cdrs.push(cdr);
			list.times.push(Date.parse(String(cdr.last_updated)));
		};
		for (const cdr of state.visibleCdrs()) {
			const emsp = idKey(cdr.emsp_external_id);
			add(emsp, cdr);
			add(`${emsp}/${idKey(cdr.customer_external_id)}`, cdr);
		}
		return index;
	});
}

/** First index whose time is ≥ at. */
function lowerBound(times: number[], at: number): number {
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid] < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function encodePosition(position: Record<string, string | number>): string {
	return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodePosition(token: string): Record<string, string> | undefined {
	try {
		const position = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		return typeof position === 'object' && position !== null ? position : undefined;
	} catch {
		return undefined;
	}
}

/** v1.0: offset + Link; v2.0: continuation_token + Link. limit default 100, capped at 1000. */
function serveEmspCdrs(ctx: RouteContext, state: SandboxState, customerId?: string): void {
	const { version, emspId } = ctx.params;
	const emsp = emspOf(state, emspId);
	if (customerId !== undefined && !emsp.customers.has(idKey(customerId)))
		throw new EmspNotFound(`Customer ${customerId} of eMSP ${emspId}`);
	checkDateQuery(ctx.query);
	const key = customerId === undefined ? idKey(emspId) : `${idKey(emspId)}/${idKey(customerId)}`;
	const list = cdrIndex(state).get(key) ?? { cdrs: [], times: [] };
	const path = `/api/${version}/cdrs/${encodeURIComponent(emspId)}${customerId === undefined ? '' : `/${encodeURIComponent(customerId)}`}`;

	// v2.0 has no offset parameter: the position travels in the continuation token.
	const paging = pagingOf(version === '1.0' ? ctx.query : { ...ctx.query, offset: '0' });
	let filters = { date_from: ctx.query.date_from ?? '', date_to: ctx.query.date_to ?? '' };
	let offset = paging.offset;
	if (version === '2.0' && ctx.query.continuation_token) {
		const position = decodePosition(ctx.query.continuation_token);
		if (!position) throw new ClmError(2001, 'Invalid continuation_token');
		filters = { date_from: position.date_from ?? '', date_to: position.date_to ?? '' };
		offset = Number(position.offset) || 0;
	}
	const start = filters.date_from ? lowerBound(list.times, Date.parse(filters.date_from)) : 0;
	const end = filters.date_to
		? lowerBound(list.times, Date.parse(filters.date_to))
		: list.times.length;
	const total = Math.max(end - start, 0);
	const page = list.cdrs.slice(start + offset, Math.min(start + offset + paging.limit, end));
	if (version === '1.0')
		return sendOffsetPage(ctx, page, total, { limit: paging.limit, offset }, path);
	const headers: Record<string, string> = {};
	if (offset + paging.limit < total) {
		const token = encodePosition({ ...filters, offset: offset + paging.limit });
		headers.Link = `<${path}?continuation_token=${token}&limit=${paging.limit}>; rel="next"`;
	}
	ok(ctx, page, headers);
}

// ---------------------------------------------------------------------------------------------
// Upsert validation
// ---------------------------------------------------------------------------------------------

const CUSTOMER_FIELDS = [
	'name',
	'phone_number',
	'email',
	'address',
	'city',
	'postal_code',
	'country',
];
const DRIVER_FIELDS = [
	'first_name',
	'last_name',
	'phone_number',
	'mobile_phone_number',
	'email',
	'retail_package_id',
	'address',
	'postal_code',
	'city',
	'country',
	'customer_id',
	'energy_contract',
];
const WHITELIST_TYPES = ['Always', 'AllowedOffline', 'Never'];

function requireStrings(body: Json, fields: string[]): void {
	for (const field of fields) {
		const value = body[field];
		if (value !== undefined && value !== null && typeof value !== 'string')
			throw new ClmError(2001, `'${field}' must be a string`);
	}
	const country = body.country;
	if (typeof country === 'string' && !/^[A-Z]{3}$/.test(country))
		throw new ClmError(2001, `'country' must be an ISO 3166-1 alpha-3 code (got '${country}')`);
}

/** The date as GreenFlux stores it (UTC, seconds), or 2001. */
function dateField(body: Json, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(at))
		throw new ClmError(2001, `'${field}' is not a valid date-time: ${String(value)}`);
	return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

function requireBoolean(body: Json, field: string): void {
	if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'boolean')
		throw new ClmError(2001, `'${field}' must be true or false`);
}

function samePathId(body: Json, field: string, pathId: string): void {
	if (body[field] !== undefined && body[field] !== null && idKey(body[field]) !== idKey(pathId))
		throw new ClmError(
			2001,
			`'${field}' (${String(body[field])}) differs from the id in the path (${pathId})`,
		);
}

/** Writes the given fields over `target` (an omitted field keeps its value, null clears it). */
function assignGiven(target: Json, body: Json, fields: string[]): void {
	for (const field of fields) if (body[field] !== undefined) target[field] = body[field];
}

function upsertCustomer(record: EmspRecord, customerId: string, body: Json): Json {
	samePathId(body, 'id', customerId);
	requireFields(body, ['modified_on_utc', 'modified_by']);
	requireStrings(body, [...CUSTOMER_FIELDS, 'modified_by']);
	const modifiedOn = dateField(body, 'modified_on_utc');
	let customer = record.customers.get(idKey(customerId));
	if (!customer) {
		customer = { id: customerId, ...Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, null])) };
		record.customers.set(idKey(customerId), customer);
	}
	assignGiven(customer, body, CUSTOMER_FIELDS);
	customer.modified_on_utc = modifiedOn;
	customer.modified_by = body.modified_by;
	return customer;
}

function upsertDriver(record: EmspRecord, driverId: string, body: Json): Json {
	const emspId = String(record.emsp.id);
	samePathId(body, 'id', driverId);
	requireFields(body, ['customer_id', 'modified_on_utc', 'modified_by']);
	requireStrings(body, [...DRIVER_FIELDS, 'modified_by']);
	const modifiedOn = dateField(body, 'modified_on_utc');
	const customer = record.customers.get(idKey(body.customer_id));
	if (!customer)
		throw new ClmError(
			2000,
			`Customer '${String(body.customer_id)}' does not exist for eMSP '${emspId}'; PUT the customer first`,
		);
	const existing = record.drivers.get(idKey(driverId));
	const packageId = body.retail_package_id;
	if (packageId !== undefined && packageId !== null) {
		const known = record.retailPackages.find((p) => idKey(p.id) === idKey(packageId));
		if (!known)
			throw new ClmError(
				2000,
				`Retail package '${String(packageId)}' does not exist for eMSP '${emspId}' (retail packages are managed in the EV Portal)`,
			);
		body = { ...body, retail_package_id: known.id };
	} else if (!existing || packageId === null) {
		throw new ClmError(
			2001,
			"'retail_package_id' must be specified: every driver needs a retail package",
		);
	}
	let driver = existing;
	if (!driver) {
		driver = { id: driverId, ...Object.fromEntries(DRIVER_FIELDS.map((f) => [f, null])) };
		record.drivers.set(idKey(driverId), driver);
	}
	assignGiven(driver, { ...body, customer_id: customer.id }, DRIVER_FIELDS);
	driver.modified_on_utc = modifiedOn;
	driver.modified_by = body.modified_by;
	return driver;
}

function upsertToken(record: EmspRecord, tokenUid: string, body: Json): Json {
	const emspId = String(record.emsp.id);
	requireFields(body, ['uid', 'auth_id', 'driver_id', 'modified_on_utc', 'modified_by']);
	samePathId(body, 'uid', tokenUid);
	requireStrings(body, [
		'uid',
		'auth_id',
		'visual_number',
		'driver_id',
		'customer_id',
		'modified_by',
	]);
	requireBoolean(body, 'valid');
	requireBoolean(body, 'roaming_allowed');
	const modifiedOn = dateField(body, 'modified_on_utc');
	const expiration = dateField(body, 'expiration_date');
	let whitelist: string | undefined;
	if (body.whitelist_type !== undefined && body.whitelist_type !== null) {
		whitelist = WHITELIST_TYPES.find(
			(w) => w.toLowerCase() === String(body.whitelist_type).toLowerCase(),
		);
		if (!whitelist)
			throw new ClmError(
				2001,
				`'whitelist_type' must be one of ${WHITELIST_TYPES.join(', ')} (got '${String(body.whitelist_type)}')`,
			);
	}
	const driver = record.drivers.get(idKey(body.driver_id));
	if (!driver)
		throw new ClmError(
			2000,
			`Driver '${String(body.driver_id)}' does not exist for eMSP '${emspId}'; PUT the driver first`,
		);
	if (
		body.customer_id !== undefined &&
		body.customer_id !== null &&
		idKey(body.customer_id) !== idKey(driver.customer_id)
	)
		throw new ClmError(
			2000,
			`'customer_id' ${String(body.customer_id)} is not the customer of driver ${String(driver.id)} (${String(driver.customer_id)})`,
		);
	for (const other of record.tokens.values()) {
		if (idKey(other.uid) !== idKey(tokenUid) && idKey(other.auth_id) === idKey(body.auth_id))
			throw new ClmError(
				2000,
				`auth_id '${String(body.auth_id)}' is already used by token ${String(other.uid)}`,
			);
	}
	let token = record.tokens.get(idKey(tokenUid));
	if (!token) {
		token = {
			uid: tokenUid,
			auth_id: null,
			visual_number: null,
			valid: false,
			expiration_date: NEVER_EXPIRES,
			roaming_allowed: false,
			whitelist_type: 'Always',
		};
		record.tokens.set(idKey(tokenUid), token);
	}
	assignGiven(token, body, ['auth_id', 'visual_number', 'valid', 'roaming_allowed']);
	if (expiration !== undefined) token.expiration_date = expiration;
	if (whitelist !== undefined) token.whitelist_type = whitelist;
	token.driver_id = driver.id;
	token.customer_id = driver.customer_id;
	token.modified_on_utc = modifiedOn;
	token.modified_by = body.modified_by;
	return token;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** Tokens filtered on the documented hyphenated query parameters (via the token's driver). */
function filteredTokens(record: EmspRecord, query: Query): Json[] {
	const customer = query['customer-external-id'];
	const driverFilter = query['driver-external-id'];
	const retailPackage = query['retail-package-external-id'];
	let tokens = [...record.tokens.values()];
	if (driverFilter) tokens = tokens.filter((t) => idKey(t.driver_id) === idKey(driverFilter));
	if (customer || retailPackage) {
		tokens = tokens.filter((t) => {
			const driver = record.drivers.get(idKey(t.driver_id));
			return (
				(!customer || idKey(driver?.customer_id) === idKey(customer)) &&
				(!retailPackage || idKey(driver?.retail_package_id) === idKey(retailPackage))
			);
		});
	}
	return tokens;
}

export function registerCrmRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'crm' as const };
	const base = (ctx: RouteContext, list: string) =>
		`/api/1.0/crm/${encodeURIComponent(ctx.params.emspId)}/${list}`;
	const cdrs = (customer: boolean) =>
		answeringEmsp(
			(ctx) => serveEmspCdrs(ctx, state, customer ? ctx.params.customerId : undefined),
			['1.0', '2.0'],
		);

	router.add('GET', '/api/:version/cdrs/:emspId', module, cdrs(false));
	router.add('GET', '/api/:version/cdrs/:emspId/:customerId', module, cdrs(true));

	router.add(
		'GET',
		'/api/:version/crm/:emspId/customers',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			pageOf(ctx, [...record.customers.values()], base(ctx, 'customers'));
		}),
	);
	router.add(
		'GET',
		'/api/:version/crm/:emspId/customers/:customerId',
		module,
		answeringEmsp((ctx) => {
			const { emspId, customerId } = ctx.params;
			const customer = emspOf(state, emspId).customers.get(idKey(customerId));
			if (!customer) throw new EmspNotFound(`Customer ${customerId} of eMSP ${emspId}`);
			ok(ctx, customer);
		}),
	);
	router.add(
		'PUT',
		'/api/:version/crm/:emspId/customers/:customerId',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			ok(ctx, upsertCustomer(record, ctx.params.customerId, jsonBody(ctx)));
		}),
	);

	router.add(
		'GET',
		'/api/:version/crm/:emspId/drivers',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			pageOf(ctx, [...record.drivers.values()], base(ctx, 'drivers'));
		}),
	);
	router.add(
		'GET',
		'/api/:version/crm/:emspId/drivers/:driverId',
		module,
		answeringEmsp((ctx) => {
			const { emspId, driverId } = ctx.params;
			const driver = emspOf(state, emspId).drivers.get(idKey(driverId));
			if (!driver) throw new EmspNotFound(`Driver ${driverId} of eMSP ${emspId}`);
			ok(ctx, driver);
		}),
	);
	router.add(
		'PUT',
		'/api/:version/crm/:emspId/drivers/:driverId',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			ok(ctx, upsertDriver(record, ctx.params.driverId, jsonBody(ctx)));
		}),
	);

	router.add(
		'GET',
		'/api/:version/crm/:emspId/tokens',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			pageOf(ctx, filteredTokens(record, ctx.query), base(ctx, 'tokens'));
		}),
	);
	router.add(
		'GET',
		'/api/:version/crm/:emspId/tokens/:tokenUid',
		module,
		answeringEmsp((ctx) => {
			const { emspId, tokenUid } = ctx.params;
			const token = emspOf(state, emspId).tokens.get(idKey(tokenUid));
			if (!token) throw new EmspNotFound(`Token ${tokenUid} of eMSP ${emspId}`);
			ok(ctx, token);
		}),
	);
	router.add(
		'PUT',
		'/api/:version/crm/:emspId/tokens/:tokenUid',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			ok(ctx, upsertToken(record, ctx.params.tokenUid, jsonBody(ctx)));
		}),
	);

	router.add(
		'GET',
		'/api/:version/crm/:emspId/retailpackages',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			pageOf(ctx, record.retailPackages, base(ctx, 'retailpackages'));
		}),
	);
}
