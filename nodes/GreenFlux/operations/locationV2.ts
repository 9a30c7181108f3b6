import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldDefinition, OperationContext, OperationDefinition, Target } from '../../shared/operations';
import { explainEtagMismatch, replaceWithCurrentEtag } from '../hooks/etag';
import { BULK_POLLING_NOTE } from './chargeStation';
import {
	booleanOption,
	type CollectionOption,
	collectionField,
	dateFromField,
	dateToField,
	jsonOption,
	locationLocator,
	stringOption,
} from './fields';

/** Locations v2 is published as API version 2.0. */
const LOCATIONS_PATH = '/api/2.0/Locations';

const locations = { resource: 'location', module: 'Locations v2' };
const body = (name: string): Target => ({ in: 'body', name });

const FACILITIES = [
	'AIRPORT',
	'BUS_STOP',
	'CAFE',
	'CARPOOL_PARKING',
	'FUEL_STATION',
	'HOTEL',
	'MALL',
	'MUSEUM',
	'NATURE',
	'RECREATION_AREA',
	'RESTAURANT',
	'SPORT',
	'SUPERMARKET',
	'TAXI_STAND',
	'TRAIN_STATION',
	'WIFI',
];

const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

const requiredString = (displayName: string, name: string, target: string, description: string, placeholder: string): FieldDefinition => ({
	property: { displayName, name, type: 'string', required: true, default: '', description, placeholder },
	to: body(target),
});

const cpoIdDescription = 'CPO the location belongs to (case sensitive)';

/** The address fields GreenFlux requires on Create and Replace. */
const requiredLocationFields = (): FieldDefinition[] => [
	requiredString('CPO ID', 'cpoId', 'cpo_id', cpoIdDescription, 'e.g. NLGFXDEMO'),
	requiredString('Name', 'name', 'name', 'Display name of the location', 'e.g. Amsterdam Damrak 12'),
	requiredString('Address', 'address', 'address', 'Street and house number', 'e.g. Damrak 12'),
	requiredString('City', 'city', 'city', 'City or town', 'e.g. Amsterdam'),
	requiredString('Postal Code', 'postalCode', 'postal_code', 'Postal code of the location', 'e.g. 1012 AB'),
	requiredString('Country', 'country', 'country', 'ISO 3166-1 alpha-3 country code', 'e.g. NLD'),
];

const optionalAddressFields = (): CollectionOption[] => [
	stringOption('Name', 'name', 'name', 'Display name of the location'),
	stringOption('Address', 'address', 'address', 'Street and house number'),
	stringOption('City', 'city', 'city', 'City or town'),
	stringOption('Postal Code', 'postalCode', 'postal_code', 'Postal code of the location'),
	stringOption('Country', 'country', 'country', 'ISO 3166-1 alpha-3 country code', 'e.g. NLD'),
	stringOption('CPO ID', 'cpoId', 'cpo_id', `${cpoIdDescription}; GreenFlux does not let a location change CPO`),
];

/** Optional location fields shared by Create, Replace and Update. */
const optionalLocationFields: CollectionOption[] = [
	stringOption('Address Line 2', 'addressLine2', 'address_line_2', 'Second address line'),
	stringOption('CPO Customer External ID', 'cpoCustomerExternalId', 'cpo_customer_external_id', 'CPO customer the location belongs to'),
	{
		property: {
			displayName: 'Type',
			name: 'type',
			type: 'options',
			default: 'ON_STREET',
			options: ['ON_STREET', 'OTHER', 'PARKING_GARAGE', 'PARKING_LOT', 'UNDERGROUND_GARAGE', 'UNKNOWN'].map((value) => ({ name: titleCase(value), value })),
			description: 'General type of the location',
		},
		to: body('type'),
	},
	booleanOption('Publish', 'publish', 'publish', 'Whether the location may be published on websites and apps'),
	{
		property: {
			displayName: 'Access Type',
			name: 'accessType',
			type: 'options',
			default: 'PUBLIC',
			options: [
				{ name: 'Private', value: 'PRIVATE', description: 'Only whitelisted tokens may charge' },
				{ name: 'Public', value: 'PUBLIC', description: 'Published and open to everyone' },
				{ name: 'Restricted', value: 'RESTRICTED', description: 'Access is restricted' },
			],
		},
		to: body('access_type'),
	},
	stringOption('Latitude', 'latitude', 'coordinates.latitude', 'Latitude in decimal degrees; GreenFlux resolves it from the address when empty', 'e.g. 52.379290'),
	stringOption('Longitude', 'longitude', 'coordinates.longitude', 'Longitude in decimal degrees; GreenFlux resolves it from the address when empty', 'e.g. 4.926500'),
	{
		property: {
			displayName: 'Facilities',
			name: 'facilities',
			type: 'multiOptions',
			default: [],
			options: FACILITIES.map((value) => ({ name: titleCase(value), value })),
			description: 'Facilities the location belongs to or is next to',
		},
		to: body('facilities'),
		format: 'raw',
	},
	jsonOption(
		'Opening Times (JSON)',
		'openingTimes',
		'opening_times',
		'Opening hours: {"regular_hours": [{"weekday": 1, "period_begin": "08:00", "period_end": "20:00"}], "twentyfourseven": false, "exceptional_openings": [], "exceptional_closings": []}',
		'{\n  "twentyfourseven": false,\n  "regular_hours": [\n    { "weekday": 1, "period_begin": "08:00", "period_end": "20:00" }\n  ]\n}',
	),
	booleanOption('Open 24/7', 'twentyFourSeven', 'opening_times.twentyfourseven', 'Whether the location is open 24 hours a day, 7 days a week'),
	jsonOption('Directions (JSON)', 'directions', 'directions', 'Directions to the location: an array of {"language", "text"}', '[\n  { "language": "en", "text": "" }\n]'),
	jsonOption('Auth Rules (JSON)', 'authRules', 'auth_rules', 'Who may charge: an array of {"type": "CustomerExternalId" | "ClosedGroups" | "HomeToken", "value"}'),
	stringOption('Energy Mix Profile ID', 'energyMixProfileId', 'energy_mix.energy_mix_profile_id', 'Energy mix profile of the location (profiles are managed in the EV Portal)'),
	jsonOption('Custom Groups (JSON)', 'customGroups', 'custom_groups', 'Custom groups: an array of {"name", "external_id"}'),
	stringOption('Maintenance Info', 'maintenanceInfo', 'maintenance_info', 'Maintenance information about the location'),
	stringOption('Remarks', 'remarks', 'remarks', 'Notes and general remarks about the location'),
	stringOption('Payment Provider', 'paymentProvider', 'payment_provider', 'Contactless payment provider used', 'e.g. Lemonway'),
	stringOption('Wallet ID', 'walletId', 'wallet_id', 'Wallet used for the location'),
	jsonOption('Customised Fields (JSON)', 'customisedFields', 'customised_fields', 'Customer-specific fields agreed with your GreenFlux CSM: an array of {"type", "value"}'),
	{
		property: {
			displayName: 'Location (JSON)',
			name: 'locationJson',
			type: 'json',
			default: '{}',
			description: "Any further location fields as a JSON object in GreenFlux's format; fields set one by one take precedence",
		},
		to: body(''),
		format: 'json',
	},
];

const etagProperty = (description: string): INodeProperties => ({
	displayName: 'Etag',
	name: 'etag',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3d74429b-ddf9-49e6-828c-e33459702641',
	description,
});

const locationLocatorField = (): FieldDefinition => ({
	property: locationLocator('locationId'),
	to: { in: 'path', name: 'locationId' },
});

/** For PUT and PATCH the location ID goes both in the path and in the body (`id`). */
const locationLocatorInPathAndBody = (): FieldDefinition => ({ ...locationLocatorField(), alsoTo: [body('id')] });

function fail(this: IExecuteFunctions, context: OperationContext, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex: context.itemIndex, description: `${description} No request was sent to GreenFlux.` });
}

/** GreenFlux wants ISO 3166-1 alpha-3 country codes (NLD, BEL, DEU), not alpha-2 (NL). */
function checkCountry(this: IExecuteFunctions, context: OperationContext): void {
	for (const key of ['country', 'filters.country', 'additionalFields.country', 'updateFields.country']) {
		const country = context.values[key];
		if (country !== undefined && !/^[A-Za-z]{3}$/.test(String(country))) {
			fail.call(this, context, `Country: "${String(country)}" is not a 3-letter country code`, 'GreenFlux expects an ISO 3166-1 alpha-3 code, e.g. NLD for the Netherlands or BEL for Belgium.');
		}
	}
}

/** A geo search needs both coordinates; its radius is 100–1000 m and only applies to a geo search. */
function checkGeoSearch(this: IExecuteFunctions, context: OperationContext): void {
	const latitude = context.values['filters.latitude'];
	const longitude = context.values['filters.longitude'];
	const distance = context.values['filters.distanceInMeters'] as number | undefined;
	if ((latitude === undefined) !== (longitude === undefined)) {
		const [given, missing] = latitude === undefined ? ['Longitude', 'Latitude'] : ['Latitude', 'Longitude'];
		fail.call(this, context, `Filters: ${missing} is required when ${given} is set`, 'A search around a point needs both Latitude and Longitude; remove both to search without a point.');
	}
	if (distance !== undefined) {
		if (latitude === undefined) {
			fail.call(this, context, 'Filters: Distance (Meters) needs Latitude and Longitude', 'The distance is the radius of a search around a point. Add Latitude and Longitude, or remove Distance.');
		}
		if (!Number.isInteger(distance) || distance < 100 || distance > 1000) {
			fail.call(this, context, `Filters: Distance (Meters) must be a whole number from 100 to 1000 (got ${distance})`, 'GreenFlux searches within 100 to 1000 metres of the point.');
		}
	}
	for (const [name, value, max] of [['Latitude', latitude, 90], ['Longitude', longitude, 180]] as const) {
		if (value !== undefined && Math.abs(value as number) > max) {
			fail.call(this, context, `Filters: ${name} must be between -${max} and ${max} (got ${String(value)})`, 'Give the point in decimal degrees, e.g. 52.3793 and 4.9265 for Amsterdam.');
		}
	}
}

export const locationV2Operations: OperationDefinition[] = [
	{
		...locations,
		operation: 'create',
		name: 'Create',
		action: 'Create a location',
		description: 'Create a location (v2); add charge stations to it afterwards',
		method: 'POST',
		path: LOCATIONS_PATH,
		fields: [
			...requiredLocationFields(),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption('Location ID', 'id', 'id', 'ID for the new location; GreenFlux generates one when empty. It can never be changed.'),
				...optionalLocationFields,
			]),
		],
		validate: [checkCountry],
	},
	{
		...locations,
		operation: 'get',
		name: 'Get',
		action: 'Get a location',
		description: `Get one location (v2) with the EVSEs of its charge stations, in real time. ${BULK_POLLING_NOTE}`,
		method: 'GET',
		path: `${LOCATIONS_PATH}/{locationId}`,
		fields: [
			locationLocatorField(),
			collectionField('Options', 'options', 'Add Option', [
				booleanOption('Exclude EVSEs', 'excludeEvses', { in: 'query', name: 'excludeEvses' }, 'Whether to leave out the EVSEs of the location'),
			]),
		],
	},
	{
		...locations,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many locations',
		description: 'Get locations (v2), optionally only those changed in a period, at an address or around a point',
		method: 'GET',
		path: LOCATIONS_PATH,
		fields: [
			dateFromField('Only locations changed at or after this time. EVSE status changes do not count; other EVSE changes count unless "Exclude EVSE Changes" is on.'),
			dateToField('Only locations changed before this time'),
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption('CPO ID', 'cpoId', { in: 'query', name: 'cpoId' }, 'Only locations of this (sub-)CPO', 'e.g. NLGFXDEMO'),
				stringOption('Street', 'street', { in: 'query', name: 'street' }, 'Only locations in this street', 'e.g. Damrak'),
				stringOption('House Number', 'houseNumber', { in: 'query', name: 'housenumber' }, 'Only locations with this house number', 'e.g. 12'),
				stringOption('City', 'city', { in: 'query', name: 'city' }, 'Only locations in this city', 'e.g. Amsterdam'),
				stringOption('Postal Code', 'postcode', { in: 'query', name: 'postcode' }, 'Only locations with this postal code', 'e.g. 1012 AB'),
				stringOption('Country', 'country', { in: 'query', name: 'country' }, 'Only locations in this country (ISO 3166-1 alpha-3 code)', 'e.g. NLD'),
				{
					property: { displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 6, minValue: -90, maxValue: 90 }, default: 0, description: 'Centre of a search around a point (decimal degrees); needs Longitude too' },
					to: { in: 'query', name: 'latitude' },
				},
				{
					property: { displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 6, minValue: -180, maxValue: 180 }, default: 0, description: 'Centre of a search around a point (decimal degrees); needs Latitude too' },
					to: { in: 'query', name: 'longitude' },
				},
				{
					property: {
						displayName: 'Distance (Meters)',
						name: 'distanceInMeters',
						type: 'number',
						typeOptions: { minValue: 100, maxValue: 1000 },
						default: 100,
						description: 'Radius of the search around Latitude/Longitude, 100 to 1000 metres',
					},
					to: { in: 'query', name: 'distanceinmeters' },
				},
				booleanOption('Exclude EVSEs', 'excludeEvses', { in: 'query', name: 'exclude_evses' }, 'Whether to leave out the EVSEs of each location (smaller, faster answers)'),
				booleanOption(
					'Exclude EVSE Changes',
					'excludeEvsesModified',
					{ in: 'query', name: 'exclude_evses_modified' },
					'Whether Date From and Date To should only look at changes of the location itself, not of its EVSEs',
				),
			]),
		],
		list: { pagination: 'offset', pageSizeParam: 'limit', maxPageSize: 1000 },
		validate: [checkGeoSearch, checkCountry],
	},
	{
		...locations,
		operation: 'replace',
		name: 'Replace',
		action: 'Replace a location',
		description:
			'Replace all fields of a location (PUT). Fields you leave out are cleared. GreenFlux needs the current etag: leave Etag empty and the node reads it first.',
		method: 'PUT',
		path: `${LOCATIONS_PATH}/{locationId}`,
		fields: [
			locationLocatorInPathAndBody(),
			...requiredLocationFields(),
			{
				property: etagProperty('Etag of the location as you last read it. Leave empty to use its current etag (the node reads the location just before replacing it).'),
				to: body('etag'),
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', optionalLocationFields),
		],
		validate: [checkCountry],
		hook: replaceWithCurrentEtag,
	},
	{
		...locations,
		operation: 'update',
		name: 'Update',
		action: 'Update a location',
		description: 'Change some fields of a location (PATCH); other fields keep their values',
		method: 'PATCH',
		path: `${LOCATIONS_PATH}/{locationId}`,
		fields: [
			locationLocatorInPathAndBody(),
			collectionField('Update Fields', 'updateFields', 'Add Field', [
				...optionalAddressFields(),
				...optionalLocationFields,
				{
					property: etagProperty('Only update if the location still has this etag (optimistic concurrency). Leave empty to update whatever its current state.'),
					to: body('etag'),
				},
			]),
		],
		validate: [checkCountry],
		hook: explainEtagMismatch,
	},
];
