import { ok, type RouteContext, type Router } from '../http';
import type { Json } from '../seed';
import { type EmspRecord, emspStore, idKey, type StoredCoupon } from '../seeds/emsp';
import type { SandboxState } from '../state';
import { ClmError, jsonBody, requireFields } from './locationsV2';
import { answeringEmsp, EmspNotFound, emspOf } from './crm';

/**
 * Coupons (eMSP): four kinds of coupon for a driver or a whole eMSP, optionally limited to CPSOs. Coupon ids
 * are globally unique. OCPI envelopes with camelCase data; validation errors HTTP 200 + 2001, a duplicate id or
 * an unknown driver HTTP 200 + 2000, an unknown eMSP, coupon or driver in the path HTTP 404.
 */

const WRITTEN_BY = 'PlatformApi';
/** .NET TimeSpan "c" format: [d.]hh:mm:ss. */
const TIME_SPAN = /^(?:(\d+)\.)?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;

const nowIso = () => `${new Date().toISOString().slice(0, 19)}Z`;

export function secondsOf(span: unknown): number {
	const m = TIME_SPAN.exec(String(span));
	if (!m) return 0;
	return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

export function timeSpan(seconds: number): string {
	const days = Math.floor(seconds / 86400);
	const rest = seconds % 86400;
	const pad = (n: number) => String(n).padStart(2, '0');
	const hms = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
	return days ? `${days}.${hms}` : hms;
}

function findCoupon(state: SandboxState, emspId: string, couponId: string): StoredCoupon {
	const stored = emspStore(state).coupons.get(idKey(couponId));
	if (!stored || idKey(stored.emspId) !== idKey(emspId))
		throw new EmspNotFound(`Coupon ${couponId} of eMSP ${emspId}`);
	return stored;
}

/** A coupon applies to a driver when scoped to that driver, or to the whole eMSP (no driverId). */
const appliesTo = (stored: StoredCoupon, emspId: string, driverId: string) => {
	const scopeDriver = (stored.coupon.couponScope as Json).driverId;
	return (
		idKey(stored.emspId) === idKey(emspId) &&
		(!scopeDriver || idKey(scopeDriver) === idKey(driverId))
	);
};

function isExpired(coupon: Json, at = Date.now()): boolean {
	return typeof coupon.expirationDate === 'string' && Date.parse(coupon.expirationDate) <= at;
}

export function driverCoupons(state: SandboxState, record: EmspRecord, driverId: string): Json[] {
	if (!record.drivers.has(idKey(driverId)))
		throw new EmspNotFound(`Driver ${driverId} of eMSP ${String(record.emsp.id)}`);
	return [...emspStore(state).coupons.values()]
		.filter((stored) => appliesTo(stored, String(record.emsp.id), driverId))
		.map((stored) => stored.coupon)
		.sort((a, b) => String(b.createdOn).localeCompare(String(a.createdOn)));
}

/**
 * Balance of the active, unexpired coupons: per CPSO in `cpsoGrouping` (a coupon limited to several CPSOs
 * counts in each of them), coupons without CPSOs in `shared`. Money, sessions and meter-value durations add
 * up; discountRate and meterValueTolerance are the highest.
 */
export function couponBalance(coupons: Json[]): Json {
	const empty = (cpso: string) => ({
		money: 0,
		sessions: 0,
		discountRate: 0,
		meterValueDuration: 0,
		meterValueTolerance: 0,
		cpso,
	});
	const shared = empty('');
	const groups = new Map<string, ReturnType<typeof empty>>();
	const now = Date.now();
	for (const coupon of coupons) {
		if (!coupon.active || isExpired(coupon, now)) continue;
		const cpsos = ((coupon.couponScope as Json).cpsos as string[] | null) ?? [];
		const targets = cpsos.length
			? cpsos.map((cpso) => groups.get(cpso) ?? groups.set(cpso, empty(cpso)).get(cpso)!)
			: [shared];
		for (const target of targets) {
			target.money = Math.round((target.money + Number(coupon.money)) * 100) / 100;
			target.sessions += Number(coupon.sessions);
			target.discountRate = Math.max(target.discountRate, Number(coupon.discountRate));
			target.meterValueDuration += secondsOf(coupon.meterValueDuration);
			target.meterValueTolerance = Math.max(
				target.meterValueTolerance,
				secondsOf(coupon.meterValueTolerance),
			);
		}
	}
	const shaped = (balance: ReturnType<typeof empty>): Json => ({
		...balance,
		meterValueDuration: timeSpan(balance.meterValueDuration),
		meterValueTolerance: timeSpan(balance.meterValueTolerance),
	});
	return {
		cpsoGrouping: Object.fromEntries([...groups].map(([cpso, balance]) => [cpso, shaped(balance)])),
		shared: shaped(shared),
	};
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** expirationUtc: a date-time ending in Z or ±HH:MM, not in the past; null clears it. */
function expirationOf(body: Json): string | null | undefined {
	const value = body.expirationUtc;
	if (value === undefined || value === null) return value;
	const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (typeof value !== 'string' || !/(Z|[+-]\d{2}:\d{2})$/i.test(value) || Number.isNaN(at))
		throw new ClmError(
			2001,
			`'expirationUtc' must be a date-time ending in Z or an offset ±HH:MM (got ${JSON.stringify(value)})`,
		);
	if (at <= Date.now()) throw new ClmError(2001, `'expirationUtc' ${value} is in the past`);
	return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

function reasonOf(body: Json): string | null {
	if (body.reason !== undefined && body.reason !== null && typeof body.reason !== 'string')
		throw new ClmError(2001, "'reason' must be a string");
	return (body.reason as string | undefined) ?? null;
}

function scopeOf(body: Json, record: EmspRecord): Json {
	const scope = body.scope;
	if (typeof scope !== 'object' || scope === null || Array.isArray(scope))
		throw new ClmError(
			2001,
			"'scope' must be an object with driverId and/or emsp (and optional cpsos)",
		);
	const { emsp, driverId, cpsos } = scope as Json;
	const emspId = String(record.emsp.id);
	for (const [field, value] of [
		['emsp', emsp],
		['driverId', driverId],
	]) {
		if (value !== undefined && value !== null && typeof value !== 'string')
			throw new ClmError(2001, `'scope.${String(field)}' must be a string`);
	}
	if (!driverId && !emsp)
		throw new ClmError(
			2001,
			"'scope' must name a driverId, or an emsp for a coupon for every driver",
		);
	if (emsp && idKey(emsp) !== idKey(emspId))
		throw new ClmError(
			2001,
			`'scope.emsp' (${String(emsp)}) differs from the eMSP in the path (${emspId})`,
		);
	if (cpsos !== undefined && cpsos !== null) {
		if (!Array.isArray(cpsos) || cpsos.some((c) => typeof c !== 'string' || c.trim() === ''))
			throw new ClmError(2001, "'scope.cpsos' must be an array of CPSO ids");
	}
	let driver: Json | undefined;
	if (driverId) {
		driver = record.drivers.get(idKey(driverId));
		if (!driver)
			throw new ClmError(2000, `Driver '${String(driverId)}' does not exist for eMSP '${emspId}'`);
	}
	return {
		emsp: emsp ?? '',
		driverId: driver?.id ?? '',
		cpsos: (cpsos as string[] | null | undefined)?.length ? cpsos : null,
	};
}

type CouponType = 'money' | 'session' | 'discount' | 'meter-value';

/** The type-specific amount fields of a new coupon, validated. */
function amountsOf(type: CouponType, body: Json): Json {
	const amounts: Json = {
		sessions: 0,
		money: 0,
		discountRate: 0,
		meterValueDuration: '00:00:00',
		meterValueTolerance: '00:00:00',
	};
	if (type === 'money') {
		requireFields(body, ['value']);
		if (typeof body.value !== 'number' || !(body.value > 0))
			throw new ClmError(
				2001,
				`'value' must be an amount above 0 (got ${JSON.stringify(body.value)})`,
			);
		amounts.money = body.value;
	} else if (type === 'session') {
		requireFields(body, ['sessions']);
		if (!Number.isInteger(body.sessions) || Number(body.sessions) < 1)
			throw new ClmError(
				2001,
				`'sessions' must be a whole number of 1 or more (got ${JSON.stringify(body.sessions)})`,
			);
		amounts.sessions = body.sessions;
	} else if (type === 'discount') {
		requireFields(body, ['percentage']);
		const rate = body.percentage;
		if (typeof rate !== 'number' || rate < 0 || rate > 1)
			throw new ClmError(
				2001,
				`'percentage' must be a decimal between 0 and 1, e.g. 0.25 for 25 % (got ${JSON.stringify(rate)})`,
			);
		amounts.discountRate = rate;
	} else {
		requireFields(body, ['duration', 'tolerance']);
		for (const field of ['duration', 'tolerance']) {
			if (typeof body[field] !== 'string' || !TIME_SPAN.test(body[field] as string))
				throw new ClmError(
					2001,
					`'${field}' must be a time span HH:MM:SS (got ${JSON.stringify(body[field])})`,
				);
		}
		if (secondsOf(body.duration) === 0)
			throw new ClmError(2001, "'duration' must be longer than 00:00:00");
		amounts.meterValueDuration = timeSpan(secondsOf(body.duration));
		amounts.meterValueTolerance = timeSpan(secondsOf(body.tolerance));
	}
	return amounts;
}

function createCoupon(state: SandboxState, ctx: RouteContext, type: CouponType): Json {
	const { emspId, couponId } = ctx.params;
	const record = emspOf(state, emspId);
	const body = jsonBody(ctx);
	requireFields(body, ['scope']);
	const scope = scopeOf(body, record);
	const amounts = amountsOf(type, body);
	const expirationDate = expirationOf(body) ?? null;
	const reason = reasonOf(body);
	const coupons = emspStore(state).coupons;
	if (coupons.has(idKey(couponId)))
		throw new ClmError(
			2000,
			`Coupon '${couponId}' already exists (coupon ids are globally unique)`,
		);
	const at = nowIso();
	const coupon: Json = {
		couponId,
		type,
		...amounts,
		couponScope: scope,
		expirationDate,
		active: true,
		createdOn: at,
		createdBy: WRITTEN_BY,
		modifiedOn: at,
		modifiedBy: WRITTEN_BY,
		reason,
	};
	coupons.set(idKey(couponId), { emspId: String(record.emsp.id), coupon });
	return coupon;
}

function patchCoupon(state: SandboxState, ctx: RouteContext): Json {
	const { emspId, couponId } = ctx.params;
	emspOf(state, emspId);
	const { coupon } = findCoupon(state, emspId, couponId);
	const body = jsonBody(ctx);
	if (!['active', 'expirationUtc', 'reason'].some((field) => body[field] !== undefined))
		throw new ClmError(2001, 'Give at least one of active, expirationUtc, reason');
	if (body.active !== undefined && typeof body.active !== 'boolean')
		throw new ClmError(2001, "'active' must be true or false");
	const expiration = expirationOf(body);
	const reason = reasonOf(body);
	if (body.active !== undefined) coupon.active = body.active;
	if (expiration !== undefined) coupon.expirationDate = expiration;
	if (body.reason !== undefined) coupon.reason = reason;
	coupon.modifiedOn = nowIso();
	coupon.modifiedBy = WRITTEN_BY;
	return coupon;
}

export function registerCouponRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'coupons' as const };

	router.add(
		'GET',
		'/api/:version/coupons/:emspId/:couponId',
		module,
		answeringEmsp((ctx) => {
			emspOf(state, ctx.params.emspId);
			ok(ctx, findCoupon(state, ctx.params.emspId, ctx.params.couponId).coupon);
		}),
	);
	router.add(
		'PATCH',
		'/api/:version/coupons/:emspId/:couponId',
		module,
		answeringEmsp((ctx) => ok(ctx, patchCoupon(state, ctx))),
	);
	router.add(
		'GET',
		'/api/:version/coupons/drivers/:emspId/:driverId',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			ok(ctx, driverCoupons(state, record, ctx.params.driverId));
		}),
	);
	router.add(
		'GET',
		'/api/:version/coupons/drivers/balance/:emspId/:driverId',
		module,
		answeringEmsp((ctx) => {
			const record = emspOf(state, ctx.params.emspId);
			ok(ctx, couponBalance(driverCoupons(state, record, ctx.params.driverId)));
		}),
	);
	const kinds: Array<[string, CouponType]> = [
		['money', 'money'],
		['session', 'session'],
		['discount', 'discount'],
		['metervalue', 'meter-value'],
	];
	for (const [segment, type] of kinds) {
		router.add(
			'POST',
			`/api/:version/coupons/${segment}/:emspId/:couponId`,
			module,
			answeringEmsp((ctx) => ok(ctx, createCoupon(state, ctx, type))),
		);
	}
}
