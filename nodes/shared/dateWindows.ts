import { DateTime } from 'luxon';

export interface DateWindow {
	from: DateTime;
	to: DateTime;
}

/** GreenFlux's query date format: UTC, seconds precision, `Z`. */
export function formatQueryDate(date: DateTime): string {
	return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/**
 * Splits [from, to) into consecutive half-open windows, each strictly shorter than `maxLengthMs`
 * (GreenFlux rejects windows of 72 h or more), with no gaps and no overlaps.
 */
export function splitIntoWindows(from: DateTime, to: DateTime, maxLengthMs: number): DateWindow[] {
	const step = maxLengthMs - 1000;
	if (step <= 0) throw new RangeError('maxLengthMs must be longer than one second');
	const windows: DateWindow[] = [];
	let start = from;
	while (start < to) {
		const candidate = start.plus({ milliseconds: step });
		const end = candidate < to ? candidate : to;
		windows.push({ from: start, to: end });
		start = end;
	}
	return windows;
}
