import { notFound, ok, pageByOffset, type RouteContext, type Router } from '../http';
import type { Json } from '../seed';
import type { SandboxState } from '../state';
import {
	answering,
	changedIn,
	checkDateQuery,
	checkEtag,
	ClmError,
	findLocation,
	isTrue,
	jsonBody,
	newEtag,
	now,
	requireArray,
	requireFields,
	requireOneOf,
	sameId,
} from './locationsV2';

const DEPLOY_STATES = ['Stock', 'Production', 'Deprecated'];
const CHARGER_TYPES = ['Public', 'Home', 'Business'];
const REQUIRED = [
	'charge_station_id',
	'location_id',
	'deploy_state',
	'default_charge_station_tariff_id',
];
/** Fields a PATCH may change (GcpiPatchChargeStation); POST and PUT also take `evses` and `charge_station_template_id`. */
const PATCHABLE = [
	'location_id',
	'name',
	'deploy_state',
	'installation_date',
	'default_charge_station_reimbursement_tariff_id',
	'default_charge_station_tariff_id',
	'default_charge_station_directions',
	'default_charge_station_floor_level',
	'maintenance_info',
	'remarks',
	'contactless_terminal_serial_number',
	'contactless_terminal_auth_amount',
	'status_schedule',
	'auth_rules',
	'contactless_type',
	'tap_to_stop',
	'stop_on_parking',
	'dynamic_time_based_tariffs',
	'time_of_use_tariffs',
	'exclude_vat',
	'charger_type',
];
/** Required on every write (charge_station_id stays, location_id is moved explicitly). */
const KEPT_ON_REPLACE = [
	'charge_station_id',
	'location_id',
	'deploy_state',
	'default_charge_station_tariff_id',
	'charger_type',
];

export interface HardwareTemplate extends Json {
	template_id: string;
	name: string;
	tenant_id: string;
	evse_templates: Json[];
}

interface StationStore {
	templates: HardwareTemplate[];
	/** The `cpsoIds` header of each request that can carry one, for tests. */
	cpsoIdsReceived: Array<{ method: string; path: string; cpsoIds: string | undefined }>;
}

const acConnector = (id: number) => ({
	id,
	amperage: 32,
	voltage: 230,
	max_electric_power: 22000,
	standard: 'IEC_62196_T2',
	format: 'SOCKET',
	power_type: 'AC_3_PHASE',
});

/** This module's store: seeded hardware templates (two per sandbox, the same on every run). */
export function chargeStationStore(state: SandboxState): StationStore {
	return state.store('chargeStations', () => ({
		templates: [
			{
				template_id: 'GFX-AC-2x22',
				name: 'AC double socket 2x22 kW',
				tenant_id: state.seed.cpos[0].cpo_id as string,
				evse_templates: [1, 2].map((n) => ({
					evse_sequence_number: n,
					capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE', 'UNLOCK_CAPABLE'],
					connector_templates: [acConnector(1)],
				})),
			},
			{
				template_id: 'GFX-DC-50',
				name: 'DC fast charger 50 kW',
				tenant_id: state.seed.cpos[1].cpo_id as string,
				evse_templates: [
					{
						evse_sequence_number: 1,
						capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE', 'CREDIT_CARD_PAYABLE'],
						connector_templates: [
							{
								id: 1,
								amperage: 125,
								voltage: 400,
								max_electric_power: 50000,
								standard: 'IEC_62196_T2_COMBO',
								format: 'CABLE',
								power_type: 'DC',
							},
						],
					},
				],
			},
		],
		cpsoIdsReceived: [],
	}));
}

function cpsoIdsOf(ctx: RouteContext, store: StationStore): string[] {
	const header = ctx.req.headers.cpsoids;
	const value = Array.isArray(header) ? header.join(',') : header;
	store.cpsoIdsReceived.push({
		method: ctx.req.method ?? '',
		path: ctx.req.url ?? '',
		cpsoIds: value,
	});
	return (value ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
}

export function findStation(state: SandboxState, id: string): Json | undefined {
	return state.seed.chargeStations.find((s) => sameId(s.charge_station_id, id));
}

/** A charge station in the GcpiChargeStation shape: the internal cpo_id is not part of it. */
export function chargeStationView(station: Json): Json {
	const view = { ...station };
	delete view.cpo_id;
	return view;
}

function stationChangedAt(station: Json, excludeEvsesModified: boolean): number {
	const own = Date.parse(String(station.modified));
	if (excludeEvsesModified) return own;
	return Math.max(
		own,
		...(station.evses as Json[])
			.map((e) => Date.parse(String(e.last_updated)))
			.filter((t) => !Number.isNaN(t)),
	);
}

/** EVSEs given in full: uid and connectors required, uids unique across all charge stations. */
function evsesFromBody(
	state: SandboxState,
	evses: unknown,
	stationId: string,
	tariffId: unknown,
): Json[] {
	if (!Array.isArray(evses) || evses.length === 0)
		throw new ClmError(2001, "'evses' must be a non-empty array");
	const at = now();
	return evses.map((raw, index) => {
		if (typeof raw !== 'object' || raw === null)
			throw new ClmError(2001, `evses[${index}] must be an object`);
		const evse = raw as Json;
		if (!evse.uid) throw new ClmError(2001, `'evses[${index}].uid' must be specified`);
		const owner = state.seed.chargeStations.find(
			(s) =>
				s.charge_station_id !== stationId && (s.evses as Json[]).some((e) => e.uid === evse.uid),
		);
		if (owner)
			throw new ClmError(
				2000,
				`EVSE uid '${String(evse.uid)}' is already used by charge station ${String(owner.charge_station_id)}`,
			);
		const connectors = evse.connectors;
		if (!Array.isArray(connectors) || connectors.length === 0)
			throw new ClmError(2001, `'evses[${index}].connectors' must be a non-empty array`);
		return {
			...evse,
			evse_id: evse.evse_id ?? evse.uid,
			evse_sequence_number: evse.evse_sequence_number ?? index + 1,
			status: evse.status ?? 'UNKNOWN',
			capabilities: evse.capabilities ?? [],
			connectors: (connectors as Json[]).map((c, n) => {
				if (c.id === undefined || c.id === null || c.id === '')
					throw new ClmError(2001, `'evses[${index}].connectors[${n}].id' must be specified`);
				return { ...c, id: String(c.id), tariff_id: c.tariff_id ?? tariffId, last_updated: at };
			}),
			last_updated: at,
		};
	});
}

/** The EVSEs of a hardware template, with GreenFlux-style UIDs for this charge station. */
function evsesFromTemplate(
	template: HardwareTemplate,
	stationId: string,
	tariffId: unknown,
): Json[] {
	const at = now();
	return template.evse_templates.map((evse, index) => {
		const sequence = Number(evse.evse_sequence_number ?? index + 1);
		const uid = `NL-GFX-E${stationId}-${sequence}`;
		return {
			uid,
			evse_id: uid,
			evse_sequence_number: sequence,
			status: 'UNKNOWN',
			capabilities: [...((evse.capabilities as string[] | undefined) ?? [])],
			connectors: ((evse.connector_templates as Json[] | undefined) ?? []).map((c) => ({
				id: String(c.id),
				standard: c.standard,
				format: c.format,
				power_type: c.power_type,
				voltage: c.voltage,
				amperage: c.amperage,
				max_electric_power: c.max_electric_power,
				tariff_id: tariffId,
				last_updated: at,
			})),
			last_updated: at,
		};
	});
}

/** The EVSEs a POST or PUT asks for: given in full, or from a hardware template; undefined if neither. */
function requestedEvses(state: SandboxState, body: Json, stationId: string): Json[] | undefined {
	if (body.evses !== undefined && body.evses !== null)
		return evsesFromBody(state, body.evses, stationId, body.default_charge_station_tariff_id);
	const templateId = body.charge_station_template_id;
	if (templateId === undefined || templateId === null || templateId === '') return undefined;
	const template = chargeStationStore(state).templates.find((t) => t.template_id === templateId);
	if (!template) throw new ClmError(2000, `Hardware template '${String(templateId)}' not found`);
	return evsesFromTemplate(template, stationId, body.default_charge_station_tariff_id);
}

function derivedFields(station: Json): void {
	const evses = station.evses as Json[];
	station.status = evses[0]?.status ?? 'UNKNOWN';
	station.charging_speed = evses.some((e) =>
		(e.connectors as Json[]).some((c) => c.power_type === 'DC'),
	)
		? 'Fast'
		: 'Slow';
}

function validateStation(body: Json, required: string[]): void {
	requireFields(body, required);
	requireOneOf(body, 'deploy_state', DEPLOY_STATES);
	requireOneOf(body, 'charger_type', CHARGER_TYPES);
	requireOneOf(body, 'contactless_type', ['Payter', 'Nayax']);
	for (const field of ['default_charge_station_directions', 'status_schedule', 'auth_rules'])
		requireArray(body, field);
}

function locationFor(state: SandboxState, locationId: unknown): Json {
	const location = findLocation(state, String(locationId));
	if (!location) {
		throw new ClmError(
			2000,
			`Location '${String(locationId)}' does not exist. Create the location first: a charge station belongs to a location, which determines its CPO.`,
		);
	}
	return location;
}

/** Moves a charge station to another location, keeping both locations' station lists (and the v1 view) right. */
function moveStation(station: Json, from: Json | undefined, to: Json): void {
	if (from)
		from.chargeStationIds = (from.chargeStationIds as string[]).filter(
			(id) => id !== station.charge_station_id,
		);
	if (!(to.chargeStationIds as string[]).includes(String(station.charge_station_id)))
		(to.chargeStationIds as string[]).push(String(station.charge_station_id));
	station.location_id = to.id;
	station.cpo_id = to.cpo_id;
}

function touch(state: SandboxState, station: Json): void {
	station.etag = newEtag(state);
	station.modified = now();
	station.modified_by = 'API';
}

function createStation(state: SandboxState, body: Json): Json {
	validateStation(body, REQUIRED);
	const id = String(body.charge_station_id);
	if (findStation(state, id)) throw new ClmError(2000, `Charge station '${id}' already exists`);
	const location = locationFor(state, body.location_id);
	const evses = requestedEvses(state, body, id);
	if (!evses)
		throw new ClmError(
			2000,
			'A charge station needs EVSEs: send the full evses or a charge_station_template_id',
		);
	const at = now();
	const station: Json = { charge_station_id: id };
	for (const field of PATCHABLE) if (field in body) station[field] = body[field];
	Object.assign(station, {
		charger_type: body.charger_type ?? 'Public',
		evses,
		connectivity_status: 'Offline',
		etag: newEtag(state),
		created_by: 'API',
		modified_by: 'API',
		created: at,
		modified: at,
	});
	derivedFields(station);
	moveStation(station, undefined, location);
	state.seed.chargeStations.push(station);
	return station;
}

function checkSameStationId(body: Json, pathId: string): void {
	if (body.charge_station_id === undefined || body.charge_station_id === '')
		throw new ClmError(2001, "'charge_station_id' must be specified");
	if (!sameId(body.charge_station_id, pathId)) {
		throw new ClmError(
			2000,
			`The charge_station_id in the body ('${String(body.charge_station_id)}') does not match the charge station ID in the path ('${pathId}')`,
		);
	}
}

/** Charge Stations (charge-location management): list, create, get, upsert (PUT with etag), patch, hardware templates. */
export function registerChargeStationRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'chargeStations' as const };

	router.add(
		'GET',
		'/api/:version/ChargeStations',
		module,
		answering((ctx) => {
			checkDateQuery(ctx.query);
			const excludeEvsesModified = isTrue(ctx.query.exclude_evses_modified);
			const stations = state.seed.chargeStations
				.filter((s) => ctx.query.cpoId === undefined || s.cpo_id === ctx.query.cpoId)
				.filter(
					(s) =>
						ctx.query.location_id === undefined || sameId(s.location_id, ctx.query.location_id),
				)
				.filter((s) => changedIn(ctx.query, stationChangedAt(s, excludeEvsesModified)))
				.map(chargeStationView);
			pageByOffset(ctx, stations, {
				defaultLimit: 100,
				maxLimit: 1000,
				path: `/api/${ctx.params.version}/ChargeStations`,
			});
		}),
	);

	router.add(
		'POST',
		'/api/:version/ChargeStations',
		module,
		answering((ctx) => {
			ok(ctx, chargeStationView(createStation(state, jsonBody(ctx))));
		}),
	);

	router.add('GET', '/api/:version/ChargeStations/ChargestationTemplate', module, (ctx) => {
		const store = chargeStationStore(state);
		const cpsoIds = cpsoIdsOf(ctx, store);
		ok(
			ctx,
			store.templates.filter((t) => cpsoIds.length === 0 || cpsoIds.includes(t.tenant_id)),
		);
	});

	router.add(
		'POST',
		'/api/:version/ChargeStations/ChargestationTemplate',
		module,
		answering((ctx) => {
			const store = chargeStationStore(state);
			const cpsoIds = cpsoIdsOf(ctx, store);
			const body = jsonBody(ctx);
			requireFields(body, ['name', 'evse_templates']);
			requireArray(body, 'evse_templates');
			const evseTemplates = body.evse_templates as Json[];
			if (evseTemplates.length === 0)
				throw new ClmError(2001, "'evse_templates' must not be empty");
			evseTemplates.forEach((evse, index) => {
				if (!Array.isArray(evse?.connector_templates) || evse.connector_templates.length === 0) {
					throw new ClmError(
						2001,
						`'evse_templates[${index}].connector_templates' must be a non-empty array`,
					);
				}
			});
			const templateId = body.template_id
				? String(body.template_id)
				: `TPL-${String(store.templates.length + 1).padStart(4, '0')}`;
			if (store.templates.some((t) => t.template_id === templateId))
				throw new ClmError(2000, `Hardware template '${templateId}' already exists`);
			const template: HardwareTemplate = {
				template_id: templateId,
				name: String(body.name),
				tenant_id: String(body.tenant_id ?? cpsoIds[0] ?? state.seed.cpos[0].cpo_id),
				evse_templates: evseTemplates,
			};
			store.templates.push(template);
			ok(ctx, template);
		}),
	);

	router.add('GET', '/api/:version/ChargeStations/:chargeStationId', module, (ctx) => {
		const station = findStation(state, ctx.params.chargeStationId);
		return station
			? ok(ctx, chargeStationView(station))
			: notFound(ctx, `Charge station ${ctx.params.chargeStationId}`);
	});

	router.add(
		'PUT',
		'/api/:version/ChargeStations/:chargeStationId',
		module,
		answering((ctx) => {
			const body = jsonBody(ctx);
			checkSameStationId(body, ctx.params.chargeStationId);
			const station = findStation(state, ctx.params.chargeStationId);
			if (!station) {
				// PUT is an upsert: an unknown ID creates the charge station.
				ok(ctx, chargeStationView(createStation(state, body)));
				return;
			}
			validateStation(body, [...REQUIRED, 'etag']);
			checkEtag(station.etag, body.etag, 'charge station');
			const location = locationFor(state, body.location_id);
			const evses = requestedEvses(state, body, String(station.charge_station_id));
			const previous = findLocation(state, String(station.location_id));
			for (const field of PATCHABLE) {
				if (field in body) station[field] = body[field];
				else if (!KEPT_ON_REPLACE.includes(field)) delete station[field];
			}
			if (evses) station.evses = evses;
			moveStation(station, previous, location);
			derivedFields(station);
			touch(state, station);
			ok(ctx, chargeStationView(station));
		}),
	);

	router.add(
		'PATCH',
		'/api/:version/ChargeStations/:chargeStationId',
		module,
		answering((ctx) => {
			const station = findStation(state, ctx.params.chargeStationId);
			if (!station) return notFound(ctx, `Charge station ${ctx.params.chargeStationId}`);
			const body = jsonBody(ctx);
			checkSameStationId(body, ctx.params.chargeStationId);
			validateStation(body, []);
			if (body.etag !== undefined && body.etag !== '')
				checkEtag(station.etag, body.etag, 'charge station');
			const target =
				body.location_id === undefined ? undefined : locationFor(state, body.location_id);
			for (const field of PATCHABLE)
				if (field in body && field !== 'location_id') station[field] = body[field];
			if (target) moveStation(station, findLocation(state, String(station.location_id)), target);
			touch(state, station);
			ok(ctx, chargeStationView(station));
		}),
	);
}
