import { DateTime } from 'luxon';

/** Parses what n8n may hand over for a date (ISO text, SQL text, JS Date, luxon DateTime, epoch ms). */
export function parseDate(value: unknown, zone: string): DateTime | undefined {
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'number') date = DateTime.fromMillis(value);
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		const options = { zone, setZone: true };
		date = DateTime.fromISO(text, options);
		if (!date.isValid) date = DateTime.fromSQL(text, options);
		if (!date.isValid) date = DateTime.fromRFC2822(text, options);
		if (!date.isValid) date = DateTime.fromHTTP(text, options);
	}
	return date?.isValid ? date.toUTC() : undefined;
}
