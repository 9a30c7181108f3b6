import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import type { FieldDefinition, OperationContext } from '../../shared/operations';
import type { PlatformOperation } from '../resources';
import { explainEtagMismatch, replaceWithCurrentEtag } from '../../shared/hooks/etag';
import { BULK_POLLING_NOTE } from './chargeStation';
import {
	booleanOption,
	type CollectionOption,
	collectionField,
	dateFromField,
	dateToField,
	etagOption,
	inBody,
	inQuery,
	jsonOption,
	mergeJsonOption,
	pathLocatorField,
	stringOption,
	textField,
	optionsProperty,
} from '../../shared/fields';
import { locationLocator } from '../locators';
import { authRulesOption, directionsOption, maintenanceInfoOption, remarksOption } from './fields';

/** Locations v2 is published as API version 2.0. */
const LOCATIONS_PATH = '/api/2.0/Locations';

const locations = { resource: 'location' as const, module: 'Locations v2', objectName: 'location' };

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

const cpoIdDescription = 'CPO the location belongs to (case sensitive)';

/** The address fields GreenFlux requires on Create and Replace. */
const requiredLocationFields = (): FieldDefinition[] => [
	textField('CPO ID', 'cpoId', 'cpo_id', {
		description: cpoIdDescription,
		placeholder: 'e.g. NLGFXDEMO',
	}),
	textField('Name', 'name', 'name', {
		description: 'Display name of the location',
		placeholder: 'e.g. Amsterdam Damrak 12',
	}),
	textField('Address', 'address', 'address', {
		description: 'Street and house number',
		placeholder: 'e.g. Damrak 12',
	}),
	textField('City', 'city', 'city', { description: 'City or town', placeholder: 'e.g. Amsterdam' }),
	textField('Postal Code', 'postalCode', 'postal_code', {
		description: 'Postal code of the location',
		placeholder: 'e.g. 1012 AB',
	}),
	textField('Country', 'country', 'country', {
		description: 'ISO 3166-1 alpha-3 country code',
		placeholder: 'e.g. NLD',
	}),
];

const optionalAddressFields = (): CollectionOption[] => [
	stringOption('Name', 'name', 'name', 'Display name of the location'),
	stringOption('Address', 'address', 'address', 'Street and house number'),
	stringOption('City', 'city', 'city', 'City or town'),
	stringOption('Postal Code', 'postalCode', 'postal_code', 'Postal code of the location'),
	stringOption('Country', 'country', 'country', 'ISO 3166-1 alpha-3 country code', 'e.g. NLD'),
	stringOption(
		'CPO ID',
		'cpoId',
		'cpo_id',
		`${cpoIdDescription}; GreenFlux does not let a location change CPO`,
	),
];

/** Optional location fields shared by Create, Replace and Update. */
const optionalLocationFields: CollectionOption[] = [
	stringOption('Address Line 2', 'addressLine2', 'address_line_2', 'Second address line'),
	stringOption(
		'CPO Customer External ID',
		'cpoCustomerExternalId',
		'cpo_customer_external_id',
		'CPO customer the location belongs to',
	),
	{
		property: optionsProperty(
			'Type',
			'type',
			['ON_STREET', 'OTHER', 'PARKING_GARAGE', 'PARKING_LOT', 'UNDERGROUND_GARAGE', 'UNKNOWN'].map(
				(value) => ({ name: titleCase(value), value }),
			),
			{ default: 'ON_STREET', description: 'General type of the location' },
		),
		to: inBody('type'),
	},
	booleanOption(
		'Publish',
		'publish',
		'publish',
		'Whether the location may be published on websites and apps',
	),
	{
		property: optionsProperty(
			'Access Type',
			'accessType',
			[
				{ name: 'Private', value: 'PRIVATE', description: 'Only whitelisted tokens may charge' },
				{ name: 'Public', value: 'PUBLIC', description: 'Published and open to everyone' },
				{ name: 'Restricted', value: 'RESTRICTED', description: 'Access is restricted' },
			],
			{ default: 'PUBLIC' },
		),
		to: inBody('access_type'),
	},
	stringOption(
		'Latitude',
		'latitude',
		'coordinates.latitude',
		'Latitude in decimal degrees; GreenFlux resolves it from the address when empty',
		'e.g. 52.379290',
	),
	stringOption(
		'Longitude',
		'longitude',
		'coordinates.longitude',
		'Longitude in decimal degrees; GreenFlux resolves it from the address when empty',
		'e.g. 4.926500',
	),
	{
		property: {
			displayName: 'Facilities',
			name: 'facilities',
			type: 'multiOptions',
			default: [],
			options: FACILITIES.map((value) => ({ name: titleCase(value), value })),
			description: 'Facilities the location belongs to or is next to',
		},
		to: inBody('facilities'),
		format: 'raw',
	},
	jsonOption(
		'Opening Times (JSON)',
		'openingTimes',
		'opening_times',
		'Opening hours: {"regular_hours": [{"weekday": 1, "period_begin": "08:00", "period_end": "20:00"}], "twentyfourseven": false, "exceptional_openings": [], "exceptional_closings": []}',
		'{\n  "twentyfourseven": false,\n  "regular_hours": [\n    { "weekday": 1, "period_begin": "08:00", "period_end": "20:00" }\n  ]\n}',
	),
	booleanOption(
		'Open 24/7',
		'twentyFourSeven',
		'opening_times.twentyfourseven',
		'Whether the location is open 24 hours a day, 7 days a week',
	),
	directionsOption('Directions (JSON)', 'directions', 'the location'),
	authRulesOption(),
	stringOption(
		'Energy Mix Profile ID',
		'energyMixProfileId',
		'energy_mix.energy_mix_profile_id',
		'Energy mix profile of the location (profiles are managed in the EV Portal)',
	),
	jsonOption(
		'Custom Groups (JSON)',
		'customGroups',
		'custom_groups',
		'Custom groups: an array of {"name", "external_id"}',
	),
	maintenanceInfoOption('the location'),
	remarksOption('the location'),
	stringOption(
		'Payment Provider',
		'paymentProvider',
		'payment_provider',
		'Contactless payment provider used',
		'e.g. Lemonway',
	),
	stringOption('Wallet ID', 'walletId', 'wallet_id', 'Wallet used for the location'),
	jsonOption(
		'Customised Fields (JSON)',
		'customisedFields',
		'customised_fields',
		'Customer-specific fields agreed with your GreenFlux CSM: an array of {"type", "value"}',
	),
	mergeJsonOption('Location (JSON)', 'locationJson', 'location'),
];

const etag = (description: string) =>
	etagOption(description, 'e.g. 3d74429b-ddf9-49e6-828c-e33459702641');

const locationLocatorField = (): FieldDefinition => pathLocatorField(locationLocator('locationId'));

/** For PUT and PATCH the location ID goes both in the path and in the body (`id`). */
const locationLocatorInPathAndBody = (): FieldDefinition =>
	pathLocatorField(locationLocator('locationId'), 'id');

/** GreenFlux wants ISO 3166-1 alpha-3 country codes (NLD, BEL, DEU), not alpha-2 (NL). */
function checkCountry(this: IExecuteFunctions, context: OperationContext): void {
	for (const key of [
		'country',
		'filters.country',
		'additionalFields.country',
		'updateFields.country',
	]) {
		const country = context.values[key];
		if (country !== undefined && !/^[A-Za-z]{3}$/.test(String(country))) {
			throw invalidInput.call(
				this,
				context,
				`Country: "${String(country)}" is not a 3-letter country code`,
				'GreenFlux expects an ISO 3166-1 alpha-3 code, e.g. NLD for the Netherlands or BEL for Belgium.',
			);
		}
	}
}

/** A geo search needs both coordinates; its radius is 100–1000 m and only applies to a geo search. */
function checkGeoSearch(this: IExecuteFunctions, context: OperationContext): void {
	const latitude = context.values['filters.latitude'];
	const longitude = context.values['filters.longitude'];
	const distance = context.values['filters.distanceInMeters'] as number | undefined;
	if ((latitude === undefined) !== (longitude === undefined)) {
		const [given, missing] =
			latitude === undefined ? ['Longitude', 'Latitude'] : ['Latitude', 'Longitude'];
		throw invalidInput.call(
			this,
			context,
			`Filters: ${missing} is required when ${given} is set`,
			'A search around a point needs both Latitude and Longitude; remove both to search without a point.',
		);
	}
	if (distance !== undefined) {
		if (latitude === undefined) {
			throw invalidInput.call(
				this,
				context,
				'Filters: Distance (Meters) needs Latitude and Longitude',
				'The distance is the radius of a search around a point. Add Latitude and Longitude, or remove Distance.',
			);
		}
		if (!Number.isInteger(distance) || distance < 100 || distance > 1000) {
			throw invalidInput.call(
				this,
				context,
				`Filters: Distance (Meters) must be a whole number from 100 to 1000 (got ${distance})`,
				'GreenFlux searches within 100 to 1000 metres of the point.',
			);
		}
	}
	for (const [name, value, max] of [
		['Latitude', latitude, 90],
		['Longitude', longitude, 180],
	] as const) {
		if (value !== undefined && Math.abs(value as number) > max) {
			throw invalidInput.call(
				this,
				context,
				`Filters: ${name} must be between -${max} and ${max} (got ${String(value)})`,
				'Give the point in decimal degrees, e.g. 52.3793 and 4.9265 for Amsterdam.',
			);
		}
	}
}

export const locationV2Operations: PlatformOperation[] = [
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
				stringOption(
					'Location ID',
					'id',
					'id',
					'ID for the new location; GreenFlux generates one when empty. It can never be changed.',
				),
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
				booleanOption(
					'Exclude EVSEs',
					'excludeEvses',
					inQuery('excludeEvses'),
					'Whether to leave out the EVSEs of the location',
				),
			]),
		],
	},
	{
		...locations,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many locations',
		description:
			'Get locations (v2), optionally only those changed in a period, at an address or around a point',
		method: 'GET',
		path: LOCATIONS_PATH,
		fields: [
			dateFromField(
				'Only locations changed at or after this time. EVSE status changes do not count; other EVSE changes count unless "Exclude EVSE Changes" is on.',
			),
			dateToField('Only locations changed before this time'),
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'CPO ID',
					'cpoId',
					inQuery('cpoId'),
					'Only locations of this (sub-)CPO',
					'e.g. NLGFXDEMO',
				),
				stringOption(
					'Street',
					'street',
					inQuery('street'),
					'Only locations in this street',
					'e.g. Damrak',
				),
				stringOption(
					'House Number',
					'houseNumber',
					inQuery('housenumber'),
					'Only locations with this house number',
					'e.g. 12',
				),
				stringOption(
					'City',
					'city',
					inQuery('city'),
					'Only locations in this city',
					'e.g. Amsterdam',
				),
				stringOption(
					'Postal Code',
					'postcode',
					inQuery('postcode'),
					'Only locations with this postal code',
					'e.g. 1012 AB',
				),
				stringOption(
					'Country',
					'country',
					inQuery('country'),
					'Only locations in this country (ISO 3166-1 alpha-3 code)',
					'e.g. NLD',
				),
				{
					property: {
						displayName: 'Latitude',
						name: 'latitude',
						type: 'number',
						typeOptions: { numberPrecision: 6, minValue: -90, maxValue: 90 },
						default: 0,
						description: 'Centre of a search around a point (decimal degrees); needs Longitude too',
					},
					to: inQuery('latitude'),
				},
				{
					property: {
						displayName: 'Longitude',
						name: 'longitude',
						type: 'number',
						typeOptions: { numberPrecision: 6, minValue: -180, maxValue: 180 },
						default: 0,
						description: 'Centre of a search around a point (decimal degrees); needs Latitude too',
					},
					to: inQuery('longitude'),
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
					to: inQuery('distanceinmeters'),
				},
				booleanOption(
					'Exclude EVSEs',
					'excludeEvses',
					inQuery('exclude_evses'),
					'Whether to leave out the EVSEs of each location (smaller, faster answers)',
				),
				booleanOption(
					'Exclude EVSE Changes',
					'excludeEvsesModified',
					inQuery('exclude_evses_modified'),
					'Whether Date From and Date To should only look at changes of the location itself, not of its EVSEs',
				),
			]),
		],
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			maxPageSize: 1000,
			fileOutput: { name: 'locations' },
		},
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
			etag(
				'Etag of the location as you last read it. Leave empty to use its current etag (the node reads the location just before replacing it).',
			),
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
				etag(
					'Only update if the location still has this etag (optimistic concurrency). Leave empty to update whatever its current state.',
				),
			]),
		],
		validate: [checkCountry],
		hook: explainEtagMismatch,
	},
];
