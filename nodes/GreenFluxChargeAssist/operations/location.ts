import type { INodePropertyOptions } from 'n8n-workflow';

import {
	booleanOption,
	collectionField,
	numberField,
	numberOption,
	optionsOption,
	optionsProperty,
	pathField,
	stringOption,
	textField,
	type CollectionOption,
} from '../../shared/fields';
import {
	returnAllFields,
	type FieldDefinition,
	type ListBehaviour,
	type ParameterValues,
} from '../../shared/operations';
import { availabilityInBatches, AVAILABILITY_BATCH_SIZE } from '../hooks/locationAvailability';
import {
	boundingBoxChecks,
	pageSize,
	requirePair,
	requireRange,
	searchQueryForV1,
} from '../hooks/placesChecks';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

// ---- Field builders shared by the places resources (location, favorite, private location) ----

/** GreenFlux serves most location routes as v1 and as /v2.1; one operation, this option picks the route. */
export function apiVersionField(v1: string, v21: string, description: string): FieldDefinition {
	return {
		property: optionsProperty(
			'API Version',
			'apiVersion',
			[
				{ name: '1', value: '1', description: v1 },
				{ name: '2.1', value: '2.1', description: v21 },
			],
			{ default: '1', description },
		),
	};
}

/** The path of the chosen API version: `/v2.1` in front of the v1 path. */
export const versioned =
	(v1Path: string) =>
	(values: ParameterValues): string =>
		values.apiVersion === '2.1' ? `/v2.1${v1Path}` : v1Path;

const LIST_SHAPES = {
	v1: 'Compact locations (LocationSummary: id, name, add, city, lat, lng, conAvail, conTot, evses…)',
	v21: 'Full locations (LocationModel: address, coordinates, EVSEs with connectors, opening hours, operator…)',
};

const listVersion = (what: string) =>
	apiVersionField(
		LIST_SHAPES.v1,
		LIST_SHAPES.v21,
		`The Charge Assist route to use; both find the same ${what}, v1 answers compact locations, v2.1 full ones`,
	);

/**
 * Charge Assist lists follow meta.continuationToken (sent back as a request header) until hasMoreData is
 * false; the `pageSize` validator (hooks/placesChecks.ts) sets the page size (1–100) where a route takes one.
 */
export const CHARGE_ASSIST_PAGES: ListBehaviour = { pagination: 'chargeAssist', maxPageSize: 100 };

const CONNECTOR_TYPES: INodePropertyOptions[] = [
	{ name: 'CCS1 (IEC 62196-T1 Combo)', value: 'IEC_62196_T1_COMBO' },
	{ name: 'CCS2 (IEC 62196-T2 Combo)', value: 'IEC_62196_T2_COMBO' },
	{ name: 'CHAdeMO', value: 'CHADEMO' },
	...'ABCDEFGHIJKL'.split('').map((letter) => ({
		name: `Domestic ${letter}`,
		value: `DOMESTIC_${letter}`,
	})),
	{ name: 'IEC 60309-2 Single Phase 16 A', value: 'IEC_60309_2_single_16' },
	{ name: 'IEC 60309-2 Three Phase 16 A', value: 'IEC_60309_2_three_16' },
	{ name: 'IEC 60309-2 Three Phase 32 A', value: 'IEC_60309_2_three_32' },
	{ name: 'IEC 60309-2 Three Phase 64 A', value: 'IEC_60309_2_three_64' },
	{ name: 'Pantograph Bottom-Up', value: 'PANTOGRAPH_BOTTOM_UP' },
	{ name: 'Pantograph Top-Down', value: 'PANTOGRAPH_TOP_DOWN' },
	{ name: 'Tesla Model S/X', value: 'TESLA_S' },
	{ name: 'Tesla Roadster', value: 'TESLA_R' },
	{ name: 'Type 1 (IEC 62196-T1)', value: 'IEC_62196_T1' },
	{ name: 'Type 2 (IEC 62196-T2)', value: 'IEC_62196_T2' },
	{ name: 'Type 3A (IEC 62196-T3A)', value: 'IEC_62196_T3A' },
	{ name: 'Type 3C (IEC 62196-T3C)', value: 'IEC_62196_T3C' },
];

const inFilter = (name: string) => ({ in: 'query' as const, name: `filter.${name}` });

/** Every `filter.*` query parameter of GreenFlux's location routes, by option name. */
const FILTER_OPTIONS = {
	appToken: stringOption(
		'App Token',
		'appToken',
		inFilter('appToken'),
		"The driver's app token: needed to see the driver's private locations and for Is Favorite",
	),
	evseUid: stringOption(
		'EVSE UID',
		'evseUid',
		inFilter('evseUid'),
		'Only the location with this EVSE (EVSE UID or EVSE ID)',
		'e.g. NL-GFX-E0001-1',
	),
	isAvailable: booleanOption(
		'Only Available',
		'isAvailable',
		inFilter('isAvailable'),
		'Whether to keep only locations with an EVSE whose status is AVAILABLE',
	),
	isFavorite: booleanOption(
		'Is Favorite',
		'isFavorite',
		inFilter('isFavorite'),
		"Whether to keep only the driver's favourites (on) or only other locations (off); needs App Token",
	),
	directPayEnabled: booleanOption(
		'Direct Pay Enabled',
		'directPayEnabled',
		inFilter('directPayEnabled'),
		'Whether to keep only locations where drivers can pay directly (card or app, no charge card needed)',
	),
	powerType: optionsOption(
		'Power Type',
		'powerType',
		inFilter('powerType'),
		[
			{ name: 'AC', value: 'AC' },
			{ name: 'DC', value: 'DC' },
		],
		{ default: 'AC', description: 'Only locations with an EVSE of this power type' },
	),
	connectorType: optionsOption(
		'Connector Type',
		'connectorType',
		inFilter('connectorType'),
		CONNECTOR_TYPES,
		{
			default: 'IEC_62196_T2',
			description:
				'Only locations with a connector of this type (Connector Types, if set, takes precedence)',
		},
	),
	connectorTypes: {
		property: {
			displayName: 'Connector Types',
			name: 'connectorTypes',
			type: 'multiOptions',
			options: CONNECTOR_TYPES,
			default: [],
			description: 'Only locations with a connector of one of these types',
		},
		to: { in: 'query', name: 'filter.connectorTypes', repeat: true },
		format: 'stringList',
	},
	minKw: numberOption(
		'Min Power (kW)',
		'minKw',
		inFilter('minKw'),
		'Only connectors of at least this many kW',
		{
			typeOptions: { minValue: 0, numberPrecision: 0 },
		},
	),
	maxKw: numberOption(
		'Max Power (kW)',
		'maxKw',
		inFilter('maxKw'),
		'Only connectors of at most this many kW',
		{
			default: 350,
			typeOptions: { minValue: 0, numberPrecision: 0 },
		},
	),
	restrictedAccess: booleanOption(
		'Include Restricted Access',
		'restrictedAccess',
		inFilter('restrictedAccess'),
		'Whether to include semi-public chargers (e.g. company car parks)',
	),
	country: stringOption(
		'Country',
		'country',
		inFilter('country'),
		'Only locations in this country (ISO 3166 alpha-3 code)',
		'e.g. NLD',
	),
	customerExternalId: stringOption(
		'Customer External ID',
		'customerExternalId',
		inFilter('customerExternalId'),
		'Only locations of the CPO customer with this external ID',
	),
	locationIds: {
		...stringOption(
			'Location IDs',
			'locationIds',
			{ in: 'query', name: 'filter.locationIds', repeat: true },
			'Only these locations (comma-separated IDs)',
		),
		format: 'stringList',
	},
	lastUpdated: {
		property: {
			displayName: 'Updated Since',
			name: 'lastUpdated',
			type: 'dateTime',
			default: '',
			description: 'Only locations updated at or after this time',
		},
		to: inFilter('lastUpdated'),
		format: 'dateTime',
	},
} satisfies Record<string, CollectionOption>;

export type LocationFilter = keyof typeof FILTER_OPTIONS;

/** The filters of the search, nearby and bounding-box routes (Get Many takes fewer, and Location IDs). */
const ALL_FILTERS = (Object.keys(FILTER_OPTIONS) as LocationFilter[]).filter(
	(name) => name !== 'locationIds',
);

/** The Filters collection with the `filter.*` parameters a route takes (all unless `except`). */
export function locationFilters(
	except: LocationFilter[] = [],
	only?: LocationFilter[],
): FieldDefinition {
	const names = (only ?? ALL_FILTERS).filter((name) => !except.includes(name));
	return collectionField(
		'Filters',
		'filters',
		'Add Filter',
		names.map((name) => FILTER_OPTIONS[name]),
	);
}

const USER_POINT = {
	latitude: { key: 'options.userLatitude', label: 'Options → User Latitude' },
	longitude: { key: 'options.userLongitude', label: 'Options → User Longitude' },
};

/** What the Options collection of a location route may hold. */
type LocationOption = 'userPoint' | 'paymentMethodId' | 'pageSize';

const OPTION_BUILDERS: Record<LocationOption, CollectionOption[]> = {
	userPoint: [
		numberOption(
			'User Latitude',
			'userLatitude',
			{ in: 'query', name: 'userLatitude' },
			"The driver's latitude (decimal degrees): results are ordered by distance from the driver",
			{ typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 } },
		),
		numberOption(
			'User Longitude',
			'userLongitude',
			{ in: 'query', name: 'userLongitude' },
			"The driver's longitude (decimal degrees), set together with User Latitude",
			{ typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 } },
		),
	],
	paymentMethodId: [
		stringOption(
			'Payment Method ID',
			'paymentMethodId',
			{ in: 'query', name: 'paymentMethodId' },
			"One of the driver's payment methods: GreenFlux then says per location whether it accepts it",
		),
	],
	pageSize: [
		numberOption(
			'Page Size',
			'pageSize',
			{ in: 'query', name: 'pageSize' },
			'Locations per request (1–100). Leave it out: the node asks for as many as Limit needs, up to 100 per request, and follows the next pages itself.',
			{ default: 100, typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 } },
		),
	],
};

/** The Options collection of a location route; `pageSizeNote` is added to Page Size's description. */
export function locationOptions(options: LocationOption[], pageSizeNote = ''): FieldDefinition {
	const chosen = options.flatMap((option) => OPTION_BUILDERS[option]);
	return collectionField(
		'Options',
		'options',
		'Add Option',
		chosen.map((option) =>
			option.property.name === 'pageSize' && pageSizeNote
				? {
						...option,
						property: {
							...option.property,
							description: `${String(option.property.description)} ${pageSizeNote}`,
						},
					}
				: option,
		),
	);
}

/** Checks of the User Latitude / User Longitude options. */
export const userPointChecks = () => requirePair(USER_POINT.latitude, USER_POINT.longitude);

/** Checks of the Min / Max Power filters (whole kW, not negative). */
export const powerFilterChecks = () => [
	requireRange('filters.minKw', 'Filters → Min Power (kW)', 0, 10_000, { whole: true }),
	requireRange('filters.maxKw', 'Filters → Max Power (kW)', 0, 10_000, { whole: true }),
];

const coordinate = (
	displayName: string,
	name: string,
	query: string,
	kind: 'latitude' | 'longitude',
	description: string,
): FieldDefinition =>
	numberField(
		displayName,
		name,
		{ in: 'query', name: query },
		{
			description,
			placeholder: kind === 'latitude' ? 'e.g. 52.0907' : 'e.g. 5.1214',
			typeOptions: {
				minValue: kind === 'latitude' ? -90 : -180,
				maxValue: kind === 'latitude' ? 90 : 180,
				numberPrecision: 6,
			},
		},
	);

const boundingBoxFields = (): FieldDefinition[] => [
	coordinate(
		'Bottom Left Latitude',
		'bottomLeftLatitude',
		'bottomLeftLat',
		'latitude',
		'Latitude of the south-west corner of the box (decimal degrees, -90 to 90)',
	),
	coordinate(
		'Bottom Left Longitude',
		'bottomLeftLongitude',
		'bottomLeftLng',
		'longitude',
		'Longitude of the south-west corner of the box (decimal degrees, -180 to 180)',
	),
	coordinate(
		'Top Right Latitude',
		'topRightLatitude',
		'topRightLat',
		'latitude',
		'Latitude of the north-east corner of the box (decimal degrees, -90 to 90)',
	),
	coordinate(
		'Top Right Longitude',
		'topRightLongitude',
		'topRightLng',
		'longitude',
		'Longitude of the north-east corner of the box (decimal degrees, -180 to 180)',
	),
];

const locationIdField = (description: string): FieldDefinition =>
	pathField('locationId', 'Location ID', 'id', {
		placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
		description,
	});

// ---- Location operations ----

const getAll: ChargeAssistOperation = {
	...CHARGE_ASSIST,
	resource: 'location',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many locations',
	description:
		'List every charge location Charge Assist offers (compact form), optionally only some IDs, one country or the recently updated ones',
	method: 'GET',
	path: '/locations',
	fields: [
		locationFilters([], ['appToken', 'country', 'lastUpdated', 'locationIds', 'restrictedAccess']),
	],
	list: CHARGE_ASSIST_PAGES,
};

export const locationOperations: ChargeAssistOperation[] = [
	getAll,
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'search',
		name: 'Search',
		action: 'Search locations',
		description:
			"Find charge locations whose name, address, city or postal code contains a text, nearest to the driver first when the driver's position is given",
		method: 'GET',
		path: versioned('/locations/search'),
		fields: [
			listVersion('locations'),
			textField(
				'Search Query',
				'searchQuery',
				{ in: 'query', name: 'q' },
				{
					required: false,
					placeholder: 'e.g. Utrecht',
					description:
						'Text to look for in the name, address, city or postal code of a location. Required with API version 1; with 2.1 an empty query finds every location.',
				},
			),
			...returnAllFields(),
			locationFilters(),
			locationOptions(['pageSize', 'paymentMethodId', 'userPoint']),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [searchQueryForV1, ...userPointChecks(), ...powerFilterChecks(), ...pageSize()],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getNearby',
		name: 'Get Nearby',
		action: 'Get locations near a point',
		description:
			'Find the charge locations within 50 km of a point, nearest first (locations where a session can start come first); v1 answers at most 25',
		method: 'GET',
		path: versioned('/locations/nearby'),
		fields: [
			apiVersionField(
				`${LIST_SHAPES.v1}; at most 25, in one answer`,
				`${LIST_SHAPES.v21}; paged, as many as Limit asks for`,
				'The Charge Assist route to use: v1 answers at most 25 compact locations, v2.1 pages through full ones',
			),
			coordinate(
				'Latitude',
				'latitude',
				'latitude',
				'latitude',
				'Latitude of the point to search around (decimal degrees, -90 to 90)',
			),
			coordinate(
				'Longitude',
				'longitude',
				'longitude',
				'longitude',
				'Longitude of the point to search around (decimal degrees, -180 to 180)',
			),
			...returnAllFields(),
			locationFilters(['evseUid']),
			locationOptions(
				['pageSize', 'paymentMethodId'],
				'API version 2.1 only: v1 answers at most 25 locations at once.',
			),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [
			...requirePair(
				{ key: 'latitude', label: 'Latitude' },
				{ key: 'longitude', label: 'Longitude' },
			),
			...powerFilterChecks(),
			...pageSize((values) => values.apiVersion === '2.1'),
		],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getInBoundingBox',
		name: 'Get In Bounding Box',
		action: 'Get locations in a bounding box',
		description:
			'Find the charge locations inside a map area (south-west and north-east corners); GreenFlux answers at most 50, locations where a session can start first',
		method: 'GET',
		path: versioned('/locations/boundingbox'),
		fields: [
			listVersion('locations'),
			...boundingBoxFields(),
			...returnAllFields(),
			locationFilters(['evseUid']),
			locationOptions(['pageSize', 'paymentMethodId', 'userPoint']),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [...boundingBoxChecks, ...userPointChecks(), ...powerFilterChecks(), ...pageSize()],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getInBoundingBoxMinimal',
		name: 'Get In Bounding Box (Minimal)',
		action: 'Get map pins in a bounding box',
		description:
			'Find the charge locations inside a map area with minimal data per location (coordinates, location ID, EVSE and available EVSE counts), e.g. for map pins',
		method: 'GET',
		path: versioned('/locations/boundingbox-minimal'),
		fields: [
			apiVersionField(
				'Minimal locations (lat, lon, locationId, evsesCount, evsesAvailableCount)',
				'The same minimal locations from the v2.1 route',
				'The Charge Assist route to use; both answer the same minimal locations',
			),
			...boundingBoxFields(),
			...returnAllFields(),
			locationFilters(['evseUid']),
			locationOptions(['pageSize', 'userPoint']),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [...boundingBoxChecks, ...userPointChecks(), ...powerFilterChecks(), ...pageSize()],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getTile',
		name: 'Get Map Tile',
		action: 'Get location clusters of a map tile',
		description:
			'Get the location clusters of one web-map tile (x, y, zoom as in OpenStreetMap tiles): per cluster its point, location count, availability and, for single locations, their IDs',
		method: 'GET',
		path: '/locations/boundingbox-tile',
		fields: [
			numberField(
				'Zoom Level',
				'zoomLevel',
				{ in: 'query', name: 'zoomLevel' },
				{
					default: 10,
					description: 'The zoom level of the map view (0 = whole world, up to 22)',
					typeOptions: { minValue: 0, maxValue: 22, numberPrecision: 0 },
				},
			),
			numberField(
				'Tile X',
				'tileX',
				{ in: 'query', name: 'x' },
				{
					default: 525,
					description: 'The x coordinate of the tile (0 to 2^zoom − 1, counted from the west)',
					typeOptions: { minValue: 0, numberPrecision: 0 },
				},
			),
			numberField(
				'Tile Y',
				'tileY',
				{ in: 'query', name: 'y' },
				{
					default: 336,
					description: 'The y coordinate of the tile (0 to 2^zoom − 1, counted from the north)',
					typeOptions: { minValue: 0, numberPrecision: 0 },
				},
			),
			locationFilters(
				[],
				[
					'appToken',
					'isAvailable',
					'isFavorite',
					'directPayEnabled',
					'powerType',
					'connectorTypes',
					'minKw',
					'maxKw',
					'restrictedAccess',
				],
			),
			collectionField('Options', 'options', 'Add Option', [
				numberOption(
					'Overlap Pixels',
					'overlapPixel',
					{ in: 'query', name: 'overlapPixel' },
					'How close (in screen pixels) locations must be to share a cluster; GreenFlux uses 15 when not set',
					{ default: 15, typeOptions: { minValue: 1, numberPrecision: 0 } },
				),
			]),
		],
		output: 'objects',
		validate: [
			requireRange('zoomLevel', 'Zoom Level', 0, 22, { whole: true }),
			function (context) {
				const zoom = context.values.zoomLevel as number;
				const last = 2 ** zoom - 1;
				const fix = `At zoom level ${zoom} the tiles are numbered 0 to ${last} in each direction.`;
				requireRange('tileX', 'Tile X', 0, last, { whole: true, fix }).call(this, context);
				requireRange('tileY', 'Tile Y', 0, last, { whole: true, fix }).call(this, context);
			},
			requireRange('options.overlapPixel', 'Options → Overlap Pixels', 1, 256, { whole: true }),
			...powerFilterChecks(),
		],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'get',
		name: 'Get',
		action: 'Get a location',
		description:
			'Get the full details of one location: address, opening hours, operator and every EVSE with its connectors and live status',
		method: 'GET',
		path: versioned('/locations/{id}'),
		fields: [
			apiVersionField(
				'The location (LocationModel)',
				'The same location from the v2.1 route',
				'The Charge Assist route to use; both answer the full location',
			),
			locationIdField('The Charge Assist location ID (as Get Many, Search or a QR code gives it)'),
			locationFilters(),
			locationOptions(['paymentMethodId']),
		],
		validate: [...powerFilterChecks()],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getByEvse',
		name: 'Get by EVSE',
		action: 'Get the location of an EVSE',
		description:
			'Get the full details of the location an EVSE belongs to, from its EVSE UID or EVSE ID (e.g. printed on the charger)',
		method: 'GET',
		path: versioned('/locations/evse/{evseUid}'),
		fields: [
			apiVersionField(
				'The location (LocationModel)',
				'The same location from the v2.1 route',
				'The Charge Assist route to use; both answer the full location',
			),
			pathField('evseUid', 'EVSE UID or EVSE ID', 'evseUid', {
				placeholder: 'e.g. NL-GFX-E0001-1',
				description: 'The EVSE UID, or the EVSE ID shown on the charger (e.g. NL*GFX*E0001*1)',
			}),
			locationFilters([], ['appToken']),
		],
	},
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getAvailability',
		name: 'Get Availability',
		action: 'Get the availability of locations',
		description: `Get the live status of every EVSE of the given locations, one item per location. Any number of IDs: the node asks GreenFlux for ${AVAILABILITY_BATCH_SIZE} at a time. Unknown IDs are left out.`,
		method: 'POST',
		path: '/locations/availability',
		permission: 'read',
		fields: [
			{
				property: {
					displayName: 'Location IDs',
					name: 'locationIds',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9, nl-gfx-0d4ef8c6-…',
					description:
						'The Charge Assist location IDs, separated by commas (or a list from an expression)',
				},
				format: 'stringList',
			},
			{
				property: {
					displayName: 'Combine Input Items',
					name: 'combineItems',
					type: 'boolean',
					default: false,
					description: `Whether to ask once for the locations of every input item together (${AVAILABILITY_BATCH_SIZE} per request) instead of once per input item`,
				},
			},
		],
		batch(this) {
			return this.getNodeParameter('combineItems', 0, false) === true;
		},
		hook: availabilityInBatches,
	},
];
