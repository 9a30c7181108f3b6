import { inDateRange, type RouteContext, type Router, sendJson } from './http';
import { couponBalance, driverCoupons } from './routes/coupons';
import { evseDetails, groupView, memberRefs } from './routes/smartChargingGroups';
import { allocationGraph, evsesSummary } from './routes/smartChargingReporting';
import { dcStateView, defaultStateView } from './routes/smartChargingSettings';
import type { Json } from './seed';
import { type EmspRecord, emspStore, findEmsp, idKey } from './seeds/emsp';
import { findCapacityGroup, smartChargingStore } from './seeds/smartCharging';
import type { SandboxState } from './state';

/**
 * Control routes (no key, not logged) that show the eMSP (CRM, coupons, Stripe Connect) and Smart Charging state,
 * so tests can compare node output with it:
 * - GET /__sandbox/emsps
 * - GET /__sandbox/crm/{emspId}/customers | drivers | tokens | retailpackages | coupons
 * - GET /__sandbox/crm/{emspId}/drivers/{driverId}/balance
 * - GET /__sandbox/crm/{emspId}/cdrs?customer_id=&date_from=&date_to=
 * - GET /__sandbox/stripeconnect, POST /__sandbox/stripeconnect/{id}/onboarded (completes Stripe onboarding)
 * - GET /__sandbox/smartcharging/capacitygroups (with evses, states, smappee, scenarios, active/offline summaries)
 * - GET /__sandbox/smartcharging/capacitygroups/{id}/allocationgraph?date_from=&date_to=&phase= (every entry)
 * - GET /__sandbox/smartcharging/priority
 */
export function registerEmspSmartChargingControlRoutes(control: Router, state: SandboxState): void {
	const opts = { module: 'cdr' as const };
	const answer =
		(handler: (ctx: RouteContext) => unknown) =>
		(ctx: RouteContext): void => {
			const body = handler(ctx);
			if (body === undefined) sendJson(ctx.res, 404, { error: `Nothing at ${ctx.req.url ?? ''}` });
			else sendJson(ctx.res, 200, body);
		};
	const withEmsp = (handler: (record: EmspRecord, ctx: RouteContext) => unknown) =>
		answer((ctx) => {
			const record = findEmsp(state, ctx.params.emspId);
			return record ? handler(record, ctx) : undefined;
		});

	control.add(
		'GET',
		'/__sandbox/emsps',
		opts,
		answer(() =>
			[...emspStore(state).emsps.values()].map((record) => ({
				...record.emsp,
				customers: record.customers.size,
				drivers: record.drivers.size,
				tokens: record.tokens.size,
				retail_packages: record.retailPackages.map((p) => p.id),
			})),
		),
	);
	const lists: Record<string, (record: EmspRecord) => Json[]> = {
		customers: (r) => [...r.customers.values()],
		drivers: (r) => [...r.drivers.values()],
		tokens: (r) => [...r.tokens.values()],
		retailpackages: (r) => r.retailPackages,
		coupons: (r) =>
			[...emspStore(state).coupons.values()]
				.filter((c) => idKey(c.emspId) === idKey(r.emsp.id))
				.map((c) => c.coupon),
	};
	for (const [name, list] of Object.entries(lists))
		control.add('GET', `/__sandbox/crm/:emspId/${name}`, opts, withEmsp(list));
	control.add(
		'GET',
		'/__sandbox/crm/:emspId/drivers/:driverId/balance',
		opts,
		withEmsp((record, ctx) =>
			record.drivers.has(idKey(ctx.params.driverId))
				? couponBalance(driverCoupons(state, record, ctx.params.driverId))
				: undefined,
		),
	);
	control.add(
		'GET',
		'/__sandbox/crm/:emspId/cdrs',
		opts,
		withEmsp((record, ctx) => {
			const customer = ctx.query.customer_id;
			return state
				.visibleCdrs()
				.filter(
					(cdr) =>
						idKey(cdr.emsp_external_id) === idKey(record.emsp.id) &&
						(!customer || idKey(cdr.customer_external_id) === idKey(customer)),
				)
				.filter(inDateRange(ctx.query));
		}),
	);

	control.add(
		'GET',
		'/__sandbox/stripeconnect',
		opts,
		answer(() => emspStore(state).stripeConnect),
	);
	control.add(
		'POST',
		'/__sandbox/stripeconnect/:id/onboarded',
		opts,
		answer((ctx) => {
			const config = emspStore(state).stripeConnect.find(
				(c) => idKey(c.id) === idKey(ctx.params.id),
			);
			if (!config) return undefined;
			config.connected_on = `${new Date().toISOString().slice(0, 19)}Z`;
			config.onboarding_url = null;
			return config;
		}),
	);

	control.add(
		'GET',
		'/__sandbox/smartcharging/capacitygroups',
		opts,
		answer(() =>
			smartChargingStore(state).groups.map((group) => ({
				...groupView(group),
				evses: memberRefs(state, group).map((ref) => evseDetails(group, ref)),
				states: {
					capacitymanagementdefault: defaultStateView(group),
					capacitymanagementdc: dcStateView(group),
				},
				smappee: group.smappee,
				time_zone: group.timeZone,
				scenarios: { dayofweek: group.dayOfWeek, datetime: group.dateTime },
				...(group.algorithm === 'CAPACITYMANAGEMENTDEFAULT' ||
				group.algorithm === 'CAPACITYMANAGEMENTDC'
					? {
							active: evsesSummary(state, group, 'active'),
							offline: evsesSummary(state, group, 'offline'),
						}
					: {}),
			})),
		),
	);
	control.add(
		'GET',
		'/__sandbox/smartcharging/capacitygroups/:groupId/allocationgraph',
		opts,
		answer((ctx) => {
			const group = findCapacityGroup(state, ctx.params.groupId);
			if (!group) return undefined;
			const from = ctx.query.date_from ? Date.parse(ctx.query.date_from) : Number.NEGATIVE_INFINITY;
			const to = ctx.query.date_to ? Date.parse(ctx.query.date_to) : Number.POSITIVE_INFINITY;
			return allocationGraph(state, group, { from, to }, { phase: ctx.query.phase?.toUpperCase() });
		}),
	);
	control.add(
		'GET',
		'/__sandbox/smartcharging/priority',
		opts,
		answer(() => smartChargingStore(state).priority),
	);
}
