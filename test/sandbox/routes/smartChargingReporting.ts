import type { Router } from '../http';
import type { Json } from '../seed';
import {
	capacityAt,
	type CapacityGroup,
	type EvseRef,
	hashFraction,
	isoMs,
	MINUTE,
	secondsOfDay,
	smartChargingStatus,
	smartChargingStore,
} from '../seeds/smartCharging';
import type { SandboxState } from '../state';
import { memberRefs, PRIORITY_WINDOW } from './smartChargingGroups';
import {
	answeringBare,
	dateRangeOf,
	enumOf,
	groupOf,
	orderBy,
	page,
	pagingOf,
	queryList,
	requireAlgorithm,
	sendBare,
} from './smartChargingShared';

/**
 * Smart Charging reporting: allocation graphs, active / offline EVSE summaries (both algorithms) and priority
 * requests. Nothing is stored: allocations are computed from the group's settings and scenarios —
 * - history (graphs): every 15 minutes from ANCHOR − 14 days to ANCHOR + 1 day; per EVSE and 2-hour block a
 *   stable pseudo-random state (no vehicle, charging, done charging); EVSEs of an offline station are OFFLINE;
 *   a charging EVSE is STARTED (full rate) in the first 15 minutes of its block when session_started_duration is
 *   set, PRIORITY for an hour after a priority request;
 * - now (active/offline): the live EVSE status (CHARGING, station connectivity) and real time.
 * Allocation (default algorithm, amps per phase): each offline EVSE is assumed to draw min_allocation_amps; STARTED
 * and PRIORITY EVSEs get their maximum first; the rest share what remains equally, capped at the connector's
 * amperage; a share below min_allocation_amps becomes 0 (REJECTED). One EVSE in five charges on L1 only.
 * DC algorithm: watts, capped at the connector's max_electric_power, no minimum, offline EVSEs draw nothing.
 */

const SLOT = 15 * MINUTE;
const SLOTS_PER_BLOCK = 8;
const PHASES = ['L1', 'L2', 'L3'];
const VOLTAGE = 230;

type EvseState = 'none' | 'charging' | 'started' | 'done' | 'offline';

interface Participant {
	uid: string;
	state: EvseState;
	priority: boolean;
	maxAmps: number;
	maxWatts: number;
	singlePhase: boolean;
}

interface Allocation {
	uid: string;
	amount: number;
	level: string;
	order: number;
	status: string;
	singlePhase: boolean;
}

const STATUS: Record<EvseState, string> = {
	none: '',
	charging: 'SMARTCHARGINGACTIVE',
	started: 'SMARTCHARGINGACTIVE',
	done: 'VEHICLEDONECHARGING',
	offline: 'OFFLINE',
};

function participant(ref: EvseRef, state: EvseState, priority: boolean): Participant {
	const connector = ((ref.evse.connectors as Json[] | undefined) ?? [])[0] ?? {};
	const uid = String(ref.evse.uid);
	return {
		uid,
		state,
		priority: priority && (state === 'charging' || state === 'started'),
		maxAmps: Number(connector.amperage ?? 16),
		maxWatts: Number(connector.max_electric_power ?? 11000),
		singlePhase: connector.power_type !== 'DC' && hashFraction(`phase:${uid}`) < 0.2,
	};
}

/** Default algorithm: amps per phase (see the file comment). */
function allocateAmps(
	participants: Participant[],
	capacity: number,
	minimum: number,
): Allocation[] {
	const offline = participants.filter((p) => p.state === 'offline').length;
	let remaining = Math.max(capacity - offline * minimum, 0);
	let order = 0;
	const result = new Map<string, Allocation>();
	const give = (p: Participant, amount: number, level: string) => {
		const rounded = Math.floor(amount * 10) / 10;
		remaining = Math.max(remaining - rounded, 0);
		result.set(p.uid, {
			uid: p.uid,
			amount: rounded,
			level,
			order: rounded > 0 ? ++order : 0,
			status: STATUS[p.state],
			singlePhase: p.singlePhase,
		});
	};
	for (const p of participants)
		if (p.state === 'started' || p.priority)
			give(p, Math.min(p.maxAmps, remaining), p.priority ? 'PRIORITY' : 'STARTED');
	const sharing = participants.filter((p) => p.state === 'charging' && !p.priority);
	sharing.forEach((p, i) => {
		const share = Math.min(p.maxAmps, remaining / (sharing.length - i));
		if (share < minimum) give(p, 0, 'REJECTED');
		else give(p, share, share >= p.maxAmps ? 'NORMAL' : 'SLOW');
	});
	for (const p of participants) {
		if (p.state === 'done') give(p, 0, 'AVAILABLE');
		if (p.state === 'offline')
			result.set(p.uid, {
				uid: p.uid,
				amount: minimum,
				level: 'OFFLINE',
				order: 0,
				status: 'OFFLINE',
				singlePhase: p.singlePhase,
			});
	}
	return participants.filter((p) => result.has(p.uid)).map((p) => result.get(p.uid)!);
}

/** DC algorithm: watts (see the file comment). */
function allocateWatts(participants: Participant[], capacity: number): Allocation[] {
	const charging = participants.filter((p) => p.state === 'charging' || p.state === 'started');
	let remaining = capacity;
	const amounts = new Map<string, number>();
	charging.forEach((p, i) => {
		const share = Math.floor(Math.min(p.maxWatts, remaining / (charging.length - i)));
		amounts.set(p.uid, share);
		remaining -= share;
	});
	return participants
		.filter((p) => p.state !== 'none')
		.map((p) => ({
			uid: p.uid,
			amount: amounts.get(p.uid) ?? 0,
			level: '',
			order: 0,
			status: STATUS[p.state],
			singlePhase: false,
		}));
}

const onPhase = (a: Allocation, phase: string) => (a.singlePhase && phase !== 'L1' ? 0 : a.amount);
const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;

function prioritised(state: SandboxState, group: CapacityGroup, uid: string, at: number): boolean {
	return smartChargingStore(state).priority.some((p) => {
		const since = Date.parse(String(p.timestamp));
		return (
			p.capacity_group_id === group.id &&
			p.evse_uid === uid &&
			at >= since &&
			at < since + PRIORITY_WINDOW
		);
	});
}

/** The group's EVSEs in history slot `slot` (counted from the start of the history window). */
function participantsAt(
	state: SandboxState,
	group: CapacityGroup,
	refs: EvseRef[],
	slot: number,
	at: number,
) {
	const startedRule = secondsOfDay(group.defaultState.session_started_duration) > 0;
	return refs.map((ref) => {
		const uid = String(ref.evse.uid);
		let evseState: EvseState;
		if (ref.station.connectivity_status === 'Offline') evseState = 'offline';
		else {
			const h = hashFraction(`${group.id}|${uid}|${Math.floor(slot / SLOTS_PER_BLOCK)}`);
			evseState = h < 0.45 ? 'none' : h < 0.85 ? 'charging' : 'done';
			if (evseState === 'charging' && startedRule && slot % SLOTS_PER_BLOCK === 0)
				evseState = 'started';
		}
		return participant(ref, evseState, prioritised(state, group, uid, at));
	});
}

/** The group's EVSEs now, from their live status. */
function participantsNow(state: SandboxState, group: CapacityGroup, at: number): Participant[] {
	const live: Record<string, EvseState> = {
		OFFLINE: 'offline',
		SMARTCHARGINGACTIVE: 'charging',
		VEHICLEDONECHARGING: 'done',
	};
	return memberRefs(state, group).map((ref) =>
		participant(
			ref,
			live[smartChargingStatus(ref) ?? ''] ?? 'none',
			prioritised(state, group, String(ref.evse.uid), at),
		),
	);
}

/** One page of allocation graph entries (all when limit is Infinity): per slot one entry, or one per phase. */
export function allocationGraph(
	state: SandboxState,
	group: CapacityGroup,
	range: { from: number; to: number },
	options: { phase?: string; offset?: number; limit?: number } = {},
): Json[] {
	const history = smartChargingStore(state).history;
	const start = Math.max(range.from, history.from);
	const stop = Math.min(range.to, history.to);
	if (start >= stop) return [];
	const first = Math.ceil((start - history.from) / SLOT);
	const end = Math.ceil((stop - history.from) / SLOT);
	const dc = group.algorithm === 'CAPACITYMANAGEMENTDC';
	const phases = dc ? [''] : options.phase ? [options.phase] : PHASES;
	const total = (end - first) * phases.length;
	const from = Math.min(options.offset ?? 0, total);
	const to = Math.min(from + (options.limit ?? Infinity), total);
	const refs = memberRefs(state, group);
	const entries: Json[] = [];
	let cached: { slot: number; allocations: Allocation[]; capacity: number } | undefined;
	for (let i = from; i < to; i++) {
		const slot = first + Math.floor(i / phases.length);
		const at = history.from + slot * SLOT;
		if (cached?.slot !== slot) {
			const participants = participantsAt(state, group, refs, slot, at);
			const capacity = dc
				? capacityAt(group, at, group.dcState.default_group_capacity_watts)
				: capacityAt(group, at, group.defaultState.default_group_capacity_amps);
			const allocations = dc
				? allocateWatts(participants, capacity)
				: allocateAmps(participants, capacity, group.defaultState.min_allocation_amps);
			cached = { slot, allocations, capacity };
		}
		const timestamp = isoMs(at);
		if (dc) {
			entries.push({
				timestamp,
				current_group_capacity_watts: cached.capacity,
				allocated_capacity_watts: sum(cached.allocations.map((a) => a.amount)),
				evses: cached.allocations.map((a) => ({
					uid: a.uid,
					allocated_watts: a.amount,
					smart_charging_status: a.status,
				})),
			});
			continue;
		}
		const phase = phases[i % phases.length];
		entries.push({
			timestamp,
			capacity: cached.capacity,
			total_allocated_amps: sum(cached.allocations.map((a) => onPhase(a, phase))),
			phase,
			evses: cached.allocations.map((a) => ({
				uid: a.uid,
				allocated_amps: onPhase(a, phase),
				smart_charging_status: a.status,
				level: a.level,
				order: a.order,
			})),
		});
	}
	return entries;
}

/** Active (charging) or offline EVSEs of a group now, with their allocation and power. */
export function evsesSummary(
	state: SandboxState,
	group: CapacityGroup,
	which: 'active' | 'offline',
): Json {
	const at = Date.now();
	const participants = participantsNow(state, group, at);
	const wanted = (p: Participant) =>
		which === 'offline' ? p.state === 'offline' : p.state === 'charging' || p.state === 'started';
	const number = participants.filter(wanted).length;
	if (group.algorithm === 'CAPACITYMANAGEMENTDC') {
		const capacity = capacityAt(group, at, group.dcState.default_group_capacity_watts);
		const allocated = sum(
			allocateWatts(participants, capacity)
				.filter((a) => participants.some((p) => p.uid === a.uid && wanted(p)))
				.map((a) => a.amount),
		);
		return {
			number,
			allocated,
			power_consumption_watts: which === 'offline' ? null : Math.round(allocated * 0.93),
		};
	}
	const capacity = capacityAt(group, at, group.defaultState.default_group_capacity_amps);
	const allocations = allocateAmps(
		participants,
		capacity,
		group.defaultState.min_allocation_amps,
	).filter((a) => participants.some((p) => p.uid === a.uid && wanted(p)));
	const perPhase = PHASES.map((phase) => sum(allocations.map((a) => onPhase(a, phase))));
	const watts = perPhase.map((amps) => Math.round(amps * VOLTAGE * 0.95));
	const offline = which === 'offline';
	return {
		number,
		allocated: sum(allocations.map((a) => a.amount)),
		allocated_l1: perPhase[0],
		allocated_l2: perPhase[1],
		allocated_l3: perPhase[2],
		power_consumption_watts: offline ? null : watts[0] + watts[1] + watts[2],
		power_consumption_l1_watts: offline ? null : watts[0],
		power_consumption_l2_watts: offline ? null : watts[1],
		power_consumption_l3_watts: offline ? null : watts[2],
	};
}

export function registerSmartChargingReportingRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'smartCharging' as const };
	const group = '/api/:version/smartcharging/capacitygroups/:groupId';
	const algorithms = [
		['capacitymanagementdefault', 'CAPACITYMANAGEMENTDEFAULT'],
		['capacitymanagementdc', 'CAPACITYMANAGEMENTDC'],
	];

	for (const [segment, algorithm] of algorithms) {
		router.add(
			'GET',
			`${group}/${segment}/allocationgraph`,
			module,
			answeringBare((ctx) => {
				const target = groupOf(state, ctx.params.groupId);
				const range = dateRangeOf(ctx.query);
				const phase =
					algorithm === 'CAPACITYMANAGEMENTDEFAULT'
						? enumOf(ctx.query.phase, 'phase', PHASES)
						: undefined;
				const paging = pagingOf(ctx.query);
				requireAlgorithm(target, algorithm);
				sendBare(ctx, allocationGraph(state, target, range, { phase, ...paging }));
			}),
		);
		for (const which of ['active', 'offline'] as const) {
			router.add(
				'GET',
				`${group}/${segment}/${which}evses`,
				module,
				answeringBare((ctx) => {
					const target = groupOf(state, ctx.params.groupId);
					requireAlgorithm(target, algorithm);
					sendBare(ctx, evsesSummary(state, target, which));
				}),
			);
		}
	}

	router.add(
		'GET',
		'/api/:version/smartcharging/reports/priority',
		module,
		answeringBare((ctx) => {
			const { from, to } = dateRangeOf(ctx.query);
			const { capacity_group_id: groupId, evse_uid: evseUid } = ctx.query;
			const cpos = queryList(ctx, 'cpo_external_ids').map((c) => c.toLowerCase());
			const same = (a: unknown, b: string | undefined) =>
				!b || String(a).toLowerCase() === b.toLowerCase();
			const requests = smartChargingStore(state)
				.priority.filter((p) => {
					const at = Date.parse(String(p.timestamp));
					return (
						at >= from &&
						at < to &&
						same(p.capacity_group_id, groupId) &&
						same(p.evse_uid, evseUid) &&
						(!cpos.length || cpos.includes(String(p.cpo_external_id).toLowerCase()))
					);
				})
				.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
			const ordered = orderBy(requests, ctx.query, { timestamp: (p) => String(p.timestamp) });
			sendBare(ctx, page(ordered, ctx.query));
		}),
	);
}
