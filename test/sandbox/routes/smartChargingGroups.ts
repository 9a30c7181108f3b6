import { IANAZone } from 'luxon';

import type { RouteContext, Router } from '../http';
import type { Json } from '../seed';
import {
	ALGORITHMS,
	CAPACITY_UPDATE_METHODS,
	type CapacityGroup,
	type EvseRef,
	evseIndex,
	MINUTE,
	newCapacityGroup,
	smartChargingStatus,
	smartChargingStore,
	TIME_ZONES,
	isoMs,
} from '../seeds/smartCharging';
import type { SandboxState } from '../state';
import {
	answeringBare,
	arrayBody,
	enumOf,
	groupOf,
	invalid,
	objectBody,
	orderBy,
	page,
	queryList,
	requireAlgorithm,
	sendBare,
	sendEmpty,
	SmartChargingError,
	stringOf,
} from './smartChargingShared';

/**
 * Capacity groups (search, create, get, update, remove, CPO ids, time zones), their EVSEs (list with filters,
 * charge-point view, replace, remove one) and priority requests for an EVSE.
 * An EVSE belongs to at most one capacity group, and only to a group of its own CPO.
 */

const EVSE_STATUSES = [
	'AVAILABLE',
	'BLOCKED',
	'CHARGING',
	'INOPERATIVE',
	'OUTOFORDER',
	'PLANNED',
	'REMOVED',
	'RESERVED',
	'UNKNOWN',
];
const SMART_CHARGING_STATUSES = ['VEHICLEDONECHARGING', 'SMARTCHARGINGACTIVE', 'OFFLINE'];

export function groupView(group: CapacityGroup): Json {
	return {
		id: group.id,
		name: group.name,
		cpo_external_id: group.cpo_external_id,
		remarks: group.remarks,
		algorithm: group.algorithm,
		algorithm_display_name: ALGORITHMS[group.algorithm],
		capacity_update_method: group.capacity_update_method,
	};
}

/** The group's EVSEs that still exist in the seed, with their charge station. */
export function memberRefs(state: SandboxState, group: CapacityGroup): EvseRef[] {
	const index = evseIndex(state);
	return group.evseUids
		.map((uid) => index.get(uid.toLowerCase()))
		.filter((ref): ref is EvseRef => ref !== undefined);
}

export function evseDetails(group: CapacityGroup, ref: EvseRef): Json {
	return {
		uid: ref.evse.uid,
		capacity_group_id: group.id,
		charge_point_id: ref.station.charge_station_id,
		status: ref.evse.status,
		smart_charging_status: smartChargingStatus(ref),
		connectors: [Number(ref.evse.evse_sequence_number)],
	};
}

function chargePointView(ref: EvseRef): Json {
	return {
		uid: ref.evse.uid,
		name: `${String(ref.station.name)} #${String(ref.evse.evse_sequence_number)}`,
		charge_point: {
			id: ref.station.charge_station_id,
			connectors: [Number(ref.evse.evse_sequence_number)],
		},
	};
}

function cpoIds(state: SandboxState): string[] {
	return state.seed.cpos.map((c) => String(c.cpo_id));
}

/** The time zones with their standard offset as a .NET TimeSpan ("01:00:00", "-05:00:00"). */
function timeZones(): Json[] {
	const year = new Date().getUTCFullYear();
	const span = (minutes: number) => {
		const abs = Math.abs(minutes);
		const hm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}:00`;
		return minutes < 0 ? `-${hm}` : hm;
	};
	return TIME_ZONES.map((tz) => {
		const zone = IANAZone.create(tz.iana);
		const january = zone.offset(Date.UTC(year, 0, 1));
		const july = zone.offset(Date.UTC(year, 6, 1));
		return {
			id: tz.id,
			display_name: tz.name,
			utc_offset: span(Math.min(january, july)),
			supports_daylight_saving_time: january !== july,
		};
	});
}

function createGroup(state: SandboxState, ctx: RouteContext): string {
	const body = objectBody(ctx);
	const name = stringOf(body, 'name', true)!;
	const cpo = stringOf(body, 'cpo_external_id', true)!;
	const known = cpoIds(state).find((id) => id.toLowerCase() === cpo.toLowerCase());
	if (!known)
		throw invalid(
			'cpo_external_id',
			`CPO '${cpo}' is not supported for capacity groups (see /smartcharging/capacitygroups/cpoexternalids)`,
		);
	const store = smartChargingStore(state);
	const group = newCapacityGroup({
		id: store.random.uuid(),
		name,
		cpo_external_id: known,
		remarks: stringOf(body, 'remarks') ?? null,
		algorithm: enumOf(body.algorithm, 'algorithm', Object.keys(ALGORITHMS)) ?? 'NONE',
		capacity_update_method:
			enumOf(body.capacity_update_method, 'capacity_update_method', CAPACITY_UPDATE_METHODS) ??
			'DEFAULT',
	});
	store.groups.push(group);
	return group.id;
}

/** PUT: name required; cpo_external_id cannot change; omitted optional fields keep their value. */
function updateGroup(group: CapacityGroup, ctx: RouteContext): void {
	const body = objectBody(ctx);
	const name = stringOf(body, 'name', true)!;
	const cpo = body.cpo_external_id;
	if (
		cpo !== undefined &&
		cpo !== null &&
		String(cpo).toLowerCase() !== group.cpo_external_id.toLowerCase()
	)
		throw invalid(
			'cpo_external_id',
			`cpo_external_id cannot be changed (it is '${group.cpo_external_id}').`,
		);
	const algorithm = enumOf(body.algorithm, 'algorithm', Object.keys(ALGORITHMS));
	const method = enumOf(
		body.capacity_update_method,
		'capacity_update_method',
		CAPACITY_UPDATE_METHODS,
	);
	group.name = name;
	if (body.remarks !== undefined) group.remarks = stringOf(body, 'remarks') ?? null;
	if (algorithm) group.algorithm = algorithm;
	if (method) group.capacity_update_method = method;
}

/** PUT chargepoints: the body's EVSEs become the group's members. */
function replaceEvses(state: SandboxState, group: CapacityGroup, ctx: RouteContext): void {
	const body = arrayBody(ctx);
	const index = evseIndex(state);
	const others = new Map<string, string>();
	for (const other of smartChargingStore(state).groups)
		if (other !== group) for (const uid of other.evseUids) others.set(uid.toLowerCase(), other.id);
	const uids: string[] = [];
	body.forEach((item, n) => {
		const uid = item && typeof item === 'object' ? item.uid : undefined;
		if (typeof uid !== 'string' || uid === '')
			throw invalid(`[${n}].uid`, `The uid field is required.`);
		const ref = index.get(uid.toLowerCase());
		if (!ref) throw invalid(`[${n}].uid`, `EVSE '${uid}' does not exist.`);
		if (String(ref.station.cpo_id).toLowerCase() !== group.cpo_external_id.toLowerCase())
			throw invalid(
				`[${n}].uid`,
				`EVSE '${uid}' belongs to CPO ${String(ref.station.cpo_id)}, not to the group's CPO ${group.cpo_external_id}.`,
			);
		const owner = others.get(uid.toLowerCase());
		if (owner)
			throw invalid(`[${n}].uid`, `EVSE '${uid}' already belongs to capacity group '${owner}'.`);
		const canonical = String(ref.evse.uid);
		if (!uids.includes(canonical)) uids.push(canonical);
	});
	group.evseUids = uids;
}

function memberUid(group: CapacityGroup, uid: string): string {
	const member = group.evseUids.find((u) => u.toLowerCase() === uid.toLowerCase());
	if (!member)
		throw new SmartChargingError(404, `EVSE '${uid}' is not in capacity group '${group.id}'`);
	return member;
}

export function registerSmartChargingGroupRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'smartCharging' as const };
	const groups = '/api/:version/smartcharging/capacitygroups';
	const store = () => smartChargingStore(state);

	router.add(
		'GET',
		groups,
		module,
		answeringBare((ctx) => {
			const name = ctx.query.name?.toLowerCase();
			const algorithm = enumOf(ctx.query.algorithm, 'algorithm', Object.keys(ALGORITHMS));
			const cpos = queryList(ctx, 'cpo_external_ids').map((c) => c.toLowerCase());
			const found = store().groups.filter(
				(g) =>
					(!name || g.name.toLowerCase().startsWith(name)) &&
					(!algorithm || g.algorithm === algorithm) &&
					(!cpos.length || cpos.includes(g.cpo_external_id.toLowerCase())),
			);
			const ordered = orderBy(found, ctx.query, {
				id: (g) => g.id,
				name: (g) => g.name.toLowerCase(),
				cpo_external_id: (g) => g.cpo_external_id,
				algorithm: (g) => g.algorithm,
			});
			sendBare(ctx, page(ordered, ctx.query).map(groupView));
		}),
	);
	router.add(
		'POST',
		groups,
		module,
		answeringBare((ctx) => sendBare(ctx, createGroup(state, ctx))),
	);
	router.add(
		'GET',
		`${groups}/cpoexternalids`,
		module,
		answeringBare((ctx) => sendBare(ctx, cpoIds(state))),
	);
	router.add(
		'GET',
		`${groups}/timezones`,
		module,
		answeringBare((ctx) => sendBare(ctx, timeZones())),
	);
	router.add(
		'GET',
		`${groups}/:groupId`,
		module,
		answeringBare((ctx) => sendBare(ctx, groupView(groupOf(state, ctx.params.groupId)))),
	);
	router.add(
		'PUT',
		`${groups}/:groupId`,
		module,
		answeringBare((ctx) => {
			updateGroup(groupOf(state, ctx.params.groupId), ctx);
			sendEmpty(ctx);
		}),
	);
	router.add(
		'DELETE',
		`${groups}/:groupId`,
		module,
		answeringBare((ctx) => {
			const group = groupOf(state, ctx.params.groupId);
			store().groups.splice(store().groups.indexOf(group), 1);
			sendEmpty(ctx);
		}),
	);

	router.add(
		'GET',
		`${groups}/:groupId/evses`,
		module,
		answeringBare((ctx) => {
			const group = groupOf(state, ctx.params.groupId);
			const { query } = ctx;
			const status = enumOf(query.status, 'status', EVSE_STATUSES);
			const scStatus = enumOf(
				query.smart_charging_status,
				'smart_charging_status',
				SMART_CHARGING_STATUSES,
			);
			const same = (a: unknown, b: string | undefined) =>
				!b || String(a).toLowerCase() === b.toLowerCase();
			const evses = memberRefs(state, group)
				.map((ref) => evseDetails(group, ref))
				.filter(
					(e) =>
						same(e.uid, query.evse_uid) &&
						same(e.charge_point_id, query.charge_point_id) &&
						(!status || e.status === status) &&
						(!scStatus || e.smart_charging_status === scStatus),
				);
			const ordered = orderBy(evses, query, {
				evse_uid: (e) => String(e.uid),
				status: (e) => String(e.status),
				charge_point_id: (e) => String(e.charge_point_id),
			});
			sendBare(ctx, page(ordered, query));
		}),
	);
	router.add(
		'GET',
		`${groups}/:groupId/evses/chargepoints`,
		module,
		answeringBare((ctx) => {
			const group = groupOf(state, ctx.params.groupId);
			sendBare(ctx, memberRefs(state, group).map(chargePointView));
		}),
	);
	router.add(
		'PUT',
		`${groups}/:groupId/evses/chargepoints`,
		module,
		answeringBare((ctx) => {
			replaceEvses(state, groupOf(state, ctx.params.groupId), ctx);
			sendEmpty(ctx);
		}),
	);
	router.add(
		'DELETE',
		`${groups}/:groupId/evses/:evseUid`,
		module,
		answeringBare((ctx) => {
			const group = groupOf(state, ctx.params.groupId);
			const uid = memberUid(group, ctx.params.evseUid);
			group.evseUids = group.evseUids.filter((u) => u !== uid);
			sendEmpty(ctx);
		}),
	);
	router.add(
		'POST',
		`${groups}/:groupId/evses/:evseUid/priority`,
		module,
		answeringBare((ctx) => {
			const group = groupOf(state, ctx.params.groupId);
			const uid = memberUid(group, ctx.params.evseUid);
			requireAlgorithm(group, 'CAPACITYMANAGEMENTDEFAULT');
			store().priority.push({
				capacity_group_id: group.id,
				cpo_external_id: group.cpo_external_id,
				evse_uid: uid,
				timestamp: isoMs(Math.floor(Date.now() / 1000) * 1000),
			});
			sendEmpty(ctx);
		}),
	);
}

/** How long a priority request keeps an EVSE at level PRIORITY. */
export const PRIORITY_WINDOW = 60 * MINUTE;
