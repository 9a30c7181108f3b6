import { invalidInput } from '../../shared/errors';
import {
	type CollectionOption,
	collectionField,
	numberField,
	stringOption,
	textField,
} from '../../shared/fields';
import type { FieldDefinition, Validator } from '../../shared/operations';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { appTokenField } from './appToken';

const ratings = { ...CHARGE_ASSIST, resource: 'sessionRating' as const };

const appTokenInBody = appTokenField({ in: 'body', name: 'appToken' });

const sessionId = textField('Charge Session ID', 'chargeSessionId', 'sessionId', {
	placeholder: 'e.g. dd815b43-5130-4346-b02c-4eac672289f4',
	description:
		'A finished session (COMPLETED or CDR_AVAILABLE) of the driver: its chargeSessionId from Session › Start or Get History',
});

const STARS = 'The rating from 1 (worst) to 5 (best) stars';

const starRating = numberField('Star Rating', 'starRating', 'starRating', {
	default: 5,
	typeOptions: { minValue: 1, maxValue: 5 },
	description: STARS,
});

const ratingOptions: CollectionOption = {
	property: {
		displayName: 'Rating Options',
		name: 'ratingOptions',
		type: 'string',
		default: '',
		placeholder: 'e.g. FAST_START, COST_UNCLEAR',
		description:
			'The keys of what went well or wrong, comma-separated (the keys of Session Rating › Get Options)',
	},
	to: { in: 'body', name: 'ratingOptions' },
	format: 'stringList',
};

const feedbackText = stringOption(
	'Feedback Text',
	'feedbackText',
	'feedbackText',
	"The driver's own words about the session",
);

/** GreenFlux takes whole stars from 1 to 5. */
const checkStars: Validator = function (context) {
	const value =
		context.values.starRating ?? context.values['additionalFields.starRating'] ?? undefined;
	if (value === undefined) return;
	if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 5) {
		const label =
			context.values.starRating === undefined ? 'Additional Fields → Star Rating' : 'Star Rating';
		throw invalidInput.call(
			this,
			context,
			`${label}: must be a whole number from 1 to 5 (got ${String(value)})`,
		);
	}
};

const starOption: CollectionOption = {
	property: { ...starRating.property, required: false },
	to: { in: 'body', name: 'starRating' },
	format: 'number',
};

const idFields: FieldDefinition[] = [appTokenInBody, sessionId];

export const sessionRatingOperations: ChargeAssistOperation[] = [
	{
		...ratings,
		operation: 'addFeedback',
		name: 'Add Feedback',
		action: 'Add feedback to a session rating',
		description:
			"Add the driver's feedback (rating options and text) to the rating of a finished session",
		method: 'POST',
		path: '/sessionrating/feedback',
		fields: [
			...idFields,
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				feedbackText,
				ratingOptions,
			]),
		],
	},
	{
		...ratings,
		operation: 'create',
		name: 'Create',
		action: 'Rate a session',
		description:
			'Rate a finished session with stars, rating options and feedback text in one go (the parts given replace those of an earlier rating)',
		method: 'POST',
		path: '/sessionrating',
		fields: [
			...idFields,
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				feedbackText,
				ratingOptions,
				starOption,
			]),
		],
		validate: [checkStars],
	},
	{
		...ratings,
		operation: 'get',
		name: 'Get',
		action: 'Get the rating of a session',
		description: "Get a session's rating: stars, rating options and feedback text",
		method: 'GET',
		path: '/sessionrating/{chargeSessionId}',
		fields: [
			{
				...sessionId,
				to: { in: 'path', name: 'chargeSessionId' },
				property: { ...sessionId.property, description: 'The chargeSessionId of the session' },
			},
		],
	},
	{
		...ratings,
		operation: 'getOptions',
		name: 'Get Options',
		action: 'Get the rating options for sessions',
		description:
			'Get what drivers can say about a session (one item per option: key and description), for Rating Options',
		method: 'GET',
		path: '/sessionrating/ratingoptions',
		output: 'objects',
		fields: [],
	},
	{
		...ratings,
		operation: 'rate',
		name: 'Rate',
		action: 'Give a session a star rating',
		description: 'Give a finished session a star rating from 1 to 5',
		method: 'POST',
		path: '/sessionrating/rating',
		fields: [...idFields, starRating],
		validate: [checkStars],
	},
];
