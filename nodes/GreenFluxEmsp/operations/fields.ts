import {
	type CollectionOption,
	dateTimeOption,
	pathField,
	stringOption,
} from '../../shared/fields';
import type { FieldDefinition, ListBehaviour } from '../../shared/operations';

/** eMSP-specific field builders; the generic ones are in nodes/shared/fields.ts. */

/** The eMSP every CRM and coupon path starts with. */
export const emspIdField = (): FieldDefinition =>
	pathField('emspId', 'eMSP ID', 'emspId', {
		placeholder: 'e.g. nlgfx',
		description:
			'The external ID of your eMSP that GreenFlux gave you with your subscription (e.g. nlgfx). It is the same in every CRM and coupon request.',
	});

/** GreenFlux's CRM pages: offset and `limit`, 100 objects per page (the documented default, no maximum documented). */
export const crmPages = (): ListBehaviour => ({
	pagination: 'offset',
	pageSizeParam: 'limit',
	maxPageSize: 100,
});

/**
 * A list GreenFlux answers in one response, without paging parameters: Return All / Limit only cut the list
 * (a `Link rel="next"` header, should GreenFlux ever send one, is followed).
 */
export const unpagedList = (): ListBehaviour => ({ pagination: 'cursor', maxPageSize: 1000 });

/** Who changed a CRM object and when: GreenFlux requires both; the node fills in now and "n8n" unless given. */
export const modifiedOptions = (): CollectionOption[] => [
	dateTimeOption(
		'Modified On',
		'modifiedOn',
		'modified_on_utc',
		'When the change was made (sent as modified_on_utc). Leave out for the time of the run.',
	),
	stringOption(
		'Modified By',
		'modifiedBy',
		'modified_by',
		'Who made the change (sent as modified_by). Leave out for "n8n".',
		'e.g. CRM sync',
	),
];
