import { invalidInput } from '../../shared/errors';
import { collectionField, jsonOption, stringOption, textField } from '../../shared/fields';
import type { Validator } from '../../shared/operations';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { appTokenField } from './appToken';

const ratings = { ...CHARGE_ASSIST, resource: 'locationRating' as const };

const FEEDBACKS = 'Additional Fields → Rating Option Feedbacks (JSON)';

/** Each feedback names a rating option key; its sub-options are a list of keys. */
const checkFeedbacks: Validator = function (context) {
	const feedbacks = context.values['additionalFields.ratingOptionFeedbacks'];
	if (feedbacks === undefined) return;
	const example =
		'e.g. [{"ratingOptionKey": "CHARGER", "subRatingOptions": ["BROKEN"], "feedbackText": "Socket loose"}] with the keys of Location Rating › Get Options.';
	if (!Array.isArray(feedbacks)) {
		throw invalidInput.call(this, context, `${FEEDBACKS}: must be a JSON array`, example);
	}
	feedbacks.forEach((feedback: unknown, index) => {
		const entry = feedback as { ratingOptionKey?: unknown; subRatingOptions?: unknown };
		const ok =
			typeof feedback === 'object' &&
			feedback !== null &&
			typeof entry.ratingOptionKey === 'string' &&
			(entry.subRatingOptions === undefined || Array.isArray(entry.subRatingOptions));
		if (!ok) {
			throw invalidInput.call(
				this,
				context,
				`${FEEDBACKS}: entry ${index + 1} needs a "ratingOptionKey" (and "subRatingOptions" as a list)`,
				example,
			);
		}
	});
};

export const locationRatingOperations: ChargeAssistOperation[] = [
	{
		...ratings,
		operation: 'create',
		name: 'Create',
		action: 'Rate a location',
		description:
			"Record a driver's rating of a location (or one of its EVSEs): per rating option the chosen sub-options and text",
		method: 'POST',
		path: '/locationrating',
		fields: [
			appTokenField({ in: 'body', name: 'appToken' }),
			textField('Location ID', 'locationId', 'locationId', {
				placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
				description: 'The location the driver rates',
			}),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'EVSE UID',
					'evseUid',
					'evseUid',
					'The EVSE of the location the rating is about',
					'e.g. NL-GFX-E0001-1',
				),
				stringOption(
					'Feedback Text',
					'feedbackText',
					'feedbackText',
					"The driver's own words about the location",
				),
				jsonOption(
					'Rating Option Feedbacks (JSON)',
					'ratingOptionFeedbacks',
					'ratingOptionFeedbacks',
					'Per rating option (keys of Location Rating › Get Options): the chosen sub-option keys and a text',
					'[\n  {\n    "ratingOptionKey": "",\n    "subRatingOptions": [],\n    "feedbackText": ""\n  }\n]',
				),
			]),
		],
		validate: [checkFeedbacks],
	},
	{
		...ratings,
		operation: 'getOptions',
		name: 'Get Options',
		action: 'Get the rating options for locations',
		description:
			'Get what drivers can rate about a location (one item per option, with its sub-options)',
		method: 'GET',
		path: '/locationrating/ratingoptions',
		output: 'objects',
		fields: [],
	},
];
