import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../shared/errors';
import type { Validator } from '../shared/operations';

/** GreenFlux's smallest allocation for a charging session (min_allocation_amps). */
export const MIN_ALLOCATION_AMPS = 6;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * A time of day or a duration as GreenFlux wants it (HH:MM:SS; HH:MM is completed with :00), or
 * undefined when the text is not one. `allowEndOfDay` also accepts 24:00(:00).
 */
export function normaliseTime(value: unknown, allowEndOfDay = false): string | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (allowEndOfDay && /^24:00(:00)?$/.test(text)) return '24:00:00';
	const match = TIME.exec(text);
	return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : undefined;
}

/** A number that is at least `min`, or a message saying why it is not. */
export function numberProblem(value: unknown, min: number, unit = ''): string | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value))
		return `must be a number (got ${JSON.stringify(value) ?? 'nothing'})`;
	if (value < min) return `must be ${min}${unit} or more (got ${value})`;
	return undefined;
}

/** An Update Fields collection must set at least one field: GreenFlux needs a body. */
export function requireUpdate(collection: string, displayName: string): Validator {
	return function (context) {
		const prefix = `${collection}.`;
		if (!Object.keys(context.values).some((key) => key.startsWith(prefix))) {
			throw invalidInput.call(
				this,
				context,
				`${displayName}: add at least one field to update`,
				'GreenFlux changes only the fields you send.',
			);
		}
	};
}

/** A number value (top level or in a collection) that must be at least `min`. */
export function requireAtLeast(
	key: string,
	label: string,
	min: number,
	fix: string,
	unit = '',
): Validator {
	return function (context) {
		if (context.values[key] === undefined) return;
		const problem = numberProblem(context.values[key], min, unit);
		if (problem) throw invalidInput.call(this, context, `${label}: ${problem}`, fix);
	};
}

/** Session Started Duration: HH:MM:SS up to 24:00:00, normalised in the body. */
export function requireDuration(key: string, label: string, bodyName: string): Validator {
	return function (context) {
		const value = context.values[key];
		if (value === undefined) return;
		const duration = normaliseTime(value, true);
		if (!duration) {
			throw invalidInput.call(
				this,
				context,
				`${label}: "${String(value)}" is not a duration HH:MM:SS`,
				'Give hours, minutes and seconds from 00:00:00 to 24:00:00, e.g. 00:15:00 for a quarter of an hour.',
			);
		}
		(context.request.body as IDataObject)[bodyName] = duration;
	};
}
